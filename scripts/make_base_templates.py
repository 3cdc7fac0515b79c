"""Rewrite the shipped templates, templates/base-slides.pptx and templates/base-document.docx,
from generator/render/base_slides.py and generator/render/base_document.py.

    python scripts/make_base_templates.py
"""

from generator.paths import shipped
from generator.render.base_document import make_base_document
from generator.render.base_slides import make_base_template

if __name__ == "__main__":
    (shipped("templates") / "base-slides.pptx").write_bytes(make_base_template())
    (shipped("templates") / "base-document.docx").write_bytes(make_base_document())
