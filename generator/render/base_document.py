"""The shipped document template: python-docx's default document cut to the styles a teacher
uses, in Word 2013+ mode, on A4.

    python scripts/make_base_templates.py      # rewrites templates/base-document.docx

The default carries 164 styles (360 KB of XML) and a Word 2010 copy of them all (440 KB), which
every handout would parse, write and zip again; fonts, sizes and colours are set per pack
(`documents.set_styles`), so the template holds the styles only.
"""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from ..write.stamp import app_properties, package_zip
from .thumbnail import thumbnail

KEEP = ("Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "Footer", "Title", "Subtitle",
        "Heading1", "Heading2", "Heading3", "Heading4", "ListParagraph", "ListBullet", "ListBullet2", "ListNumber",
        "ListNumber2", "Quote", "Caption", "Strong", "Emphasis", "TableGrid")
DROPPED_PARTS = ("stylesWithEffects", "customXml")     # relationship types the template no longer needs


def make_base_document() -> bytes:
    """Return the bytes of templates/base-document.docx."""
    doc = Document()
    _keep_styles(doc.styles.element)
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if any(kind in rel.reltype for kind in DROPPED_PARTS):
            part.drop_rel(rid)
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    doc.core_properties.title = "lessonpack document"
    doc.core_properties.comments = ""
    return package_zip(part.package, app_properties(), thumbnail("lessonpack document", "1F3864", slide=False))


def _keep_styles(styles) -> None:
    """Remove every style but KEEP and the styles they are based on, link to or are followed by."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
    wanted, todo = set(), list(KEEP)
    while todo:
        style_id = todo.pop()
        if style_id in wanted or style_id not in by_id:
            continue
        wanted.add(style_id)
        for ref in ("w:basedOn", "w:link", "w:next"):
            if (element := by_id[style_id].find(qn(ref))) is not None:
                todo.append(element.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)
