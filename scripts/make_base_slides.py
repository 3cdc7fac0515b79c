"""Rewrite the shipped slide template, templates/base-slides.pptx, from generator/render/master.py.

    python scripts/make_base_slides.py
"""

from generator.paths import shipped
from generator.render.master import make_base_template

if __name__ == "__main__":
    (shipped("templates") / "base-slides.pptx").write_bytes(make_base_template())
