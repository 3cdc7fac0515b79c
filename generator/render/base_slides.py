"""The shipped slide template: a 16:9 master with theme fonts, and a named layout with real
placeholders for each kind of slide the composer makes.

    python scripts/make_base_templates.py      # rewrites templates/base-slides.pptx

The template holds structure only (placeholders, text styles, autofit, footer fields); the band's
theme and the school's colours are put on its layouts when a deck is rendered (`dress`).
"""

from __future__ import annotations

import re

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart

from ..plan import layout as L
from ..write.stamp import app_properties, package_zip
from .drawing import NSDECL, emu, xfrm
from .theme import LAYOUTS
from .thumbnail import thumbnail

FONT = "Arial"
LAYOUT_TYPES = {"Title": "title", "Section": "secHead"}      # the others are "obj": a title and content


def placeholder(shape_id: int, name: str, ph: str, box=None, anchor: str = "t", text: str = "",
                lst_style: str = "") -> str:
    """Return a placeholder shape: *ph* is its `p:ph` attributes ('type="title"')."""
    geometry = xfrm(box) if box else ""
    paragraph = f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{text}</a:t></a:r></a:p>' if text else "<a:p/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr>{geometry}</p:spPr><p:txBody>'
            f'<a:bodyPr anchor="{anchor}" wrap="square"><a:normAutofit/></a:bodyPr><a:lstStyle>{lst_style}</a:lstStyle>'
            f'{paragraph}</p:txBody></p:sp>')


def _footer_placeholders(first_id: int) -> str:
    return (placeholder(first_id, "Footer", 'type="ftr" sz="quarter" idx="11"', L.FOOTER_BOX)
            + placeholder(first_id + 1, "Slide Number", 'type="sldNum" sz="quarter" idx="12"', L.NUMBER_BOX,
                          lst_style='<a:lvl1pPr algn="r"/>'))


def _layout_shapes(name: str) -> str:
    """Return the placeholders of layout *name*."""
    if name == "Title":
        body = (placeholder(2, "Title", 'type="ctrTitle"', L.COVER_TITLE_BOX, "b", "Lesson title")
                + placeholder(3, "Subtitle", 'type="subTitle" idx="1"', L.COVER_SUBTITLE_BOX, "t", "Band and lesson",
                              '<a:lvl1pPr marL="0" indent="0"><a:buNone/><a:defRPr sz="2400"/></a:lvl1pPr>'))
    elif name == "Section":
        body = (placeholder(2, "Title", 'type="title"', L.SECTION_TITLE_BOX, "b", "Section title")
                + placeholder(3, "Text", 'type="body" idx="1"', L.SECTION_TEXT_BOX, "t", "What this part is about",
                              '<a:lvl1pPr marL="0" indent="0"><a:buNone/></a:lvl1pPr>'))
    else:
        body = (placeholder(2, "Title", 'type="title"', L.TITLE_BOX, "ctr", "Slide title")
                + placeholder(3, "Content", 'idx="1"', L.BODY_BOX, "t", "Text"))
    return body + _footer_placeholders(4)


def _layout_xml(name: str) -> str:
    kind = LAYOUT_TYPES.get(name, "obj")
    return (f'<p:sldLayout {NSDECL} type="{kind}" preserve="1"><p:cSld name="{name}"><p:spTree>'
            '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f'{_layout_shapes(name)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def _level(n: int, size: int, bullet: str, margin: float) -> str:
    marks = f'<a:buFont typeface="{FONT}"/><a:buChar char="{bullet}"/>' if bullet else "<a:buNone/>"
    indent = f'marL="{emu(margin)}" indent="{-emu(L.BULLET_INDENT)}"' if bullet else f'marL="{emu(margin)}" indent="0"'
    return (f'<a:lvl{n}pPr {indent} algn="l"><a:spcBef><a:spcPts val="0"/></a:spcBef>'
            f'<a:spcAft><a:spcPts val="{L.PARA_GAP_PT * 100}"/></a:spcAft>{marks}'
            f'<a:defRPr sz="{size * 100}"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>')


def _text_styles() -> str:
    title = ('<p:titleStyle><a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:buNone/>'
             f'<a:defRPr sz="{L.TITLE_PT * 100}" b="1"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
             '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>')
    body = "".join(_level(n, size, bullet, margin) for n, size, bullet, margin in (
        (1, L.BODY_PT, "\u2022", L.BULLET_INDENT), (2, 20, "\u2013", 2 * L.BULLET_INDENT),
        (3, 20, "\u2022", 3 * L.BULLET_INDENT)))
    other = '<a:lvl1pPr><a:defRPr sz="1800"><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr>'
    return f'<p:txStyles>{title}<p:bodyStyle>{body}</p:bodyStyle><p:otherStyle>{other}</p:otherStyle></p:txStyles>'


def _master(master) -> None:
    """Give the master 16:9 placeholders, the theme's fonts and the text styles."""
    root = master._element
    tree = root.find("{*}cSld/{*}spTree")
    for shape in tree.findall("{*}sp"):
        tree.remove(shape)
    shapes = (placeholder(2, "Title", 'type="title"', L.TITLE_BOX, "ctr", "Slide title")
              + placeholder(3, "Text", 'type="body" idx="1"', L.BODY_BOX, "t", "Text")
              + _footer_placeholders(4).replace('idx="11"', 'idx="3"').replace('idx="12"', 'idx="4"'))
    for shape in etree.fromstring(f"<x {NSDECL}>{shapes}</x>"):
        tree.append(shape)
    styles = root.find("{*}txStyles")
    styles.addprevious(parse_xml(_text_styles().replace("<p:txStyles>", f"<p:txStyles {NSDECL}>", 1)))
    root.remove(styles)


def _theme(prs) -> None:
    """Name the theme, and make Arial (Liberation Sans on Linux) its heading and body font."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    xml = part.blob.decode("utf-8")
    xml = xml.replace('name="Office Theme"', 'name="lessonpack"', 1)
    xml = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"', rf'\1{FONT}"', xml)
    part._blob = xml.encode("utf-8")


def make_base_template() -> bytes:
    """Return the bytes of the shipped slide template."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = 12192000, 6858000       # PowerPoint's 16:9, 13.333 x 7.5 in
    prs.part._element.sldSz.attrib.pop("type", None)
    master = prs.slide_master
    first, *rest = list(prs.slide_layouts)
    for layout in rest:
        prs.slide_layouts.remove(layout)
    _replace_children(first.part._element, _layout_xml(LAYOUTS[0]))
    id_list = master._element.find("{*}sldLayoutIdLst")
    for n, name in enumerate(LAYOUTS[1:], start=2):
        part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{n}.xml"), CT.PML_SLIDE_LAYOUT,
                               prs.part.package, parse_xml(_layout_xml(name)))
        part.relate_to(master.part, RT.SLIDE_MASTER)
        rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
        etree.SubElement(id_list, "{http://schemas.openxmlformats.org/presentationml/2006/main}sldLayoutId",
                         {"id": str(2147483648 + n),
                          "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id": rid})
    _master(master)
    _theme(prs)
    prs.core_properties.title = "lessonpack slides"
    return package_zip(prs.part.package, app_properties(0), thumbnail("lessonpack slides", "1F3864"))


def _replace_children(root, xml: str) -> None:
    """Make *root* (a layout element already in the package) the layout *xml* describes."""
    new = parse_xml(xml)
    for child in list(root):
        root.remove(child)
    for child in list(new):
        root.append(child)
    for key, value in new.attrib.items():
        root.set(key, value)
