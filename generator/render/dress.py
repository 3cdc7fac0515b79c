"""Put a band's theme and the school's colours on the shipped template's layouts: the page
colour, each role's header (colour, icon and label) and the cover's panel, so a teacher's
"New Slide" gets the same look as the composed slides."""

from __future__ import annotations

import re

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from ..plan import layout as L
from .colour import DARK
from .drawing import NSDECL, fit_box, picture, run, shape, text_box
from .icons import icon_png
from .theme import Look, Theme

COVER_ICON = "shield-heart"


def _label(shape_id: int, text: str, colour: str, language: str) -> str:
    return text_box(shape_id, "Role label", L.LABEL_BOX, (
        '<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"/><a:lstStyle/>'
        f'<a:p>{run(text, L.LABEL_PT, colour, language, bold=True, caps=True)}</a:p></p:txBody>'))


def header_colours(theme: Theme, look: Look) -> tuple[str, str]:
    """Return the fill of a role's header and the colour of text on it."""
    colour = theme.colours[look.colour]
    return (colour, "FFFFFF") if theme.header != "rule" else ("", colour)


def dress(prs, theme: Theme, looks: dict[str, Look], primary: str, language: str, image) -> None:
    """Dress every layout of the shipped template in *theme*, and the cover in *primary*;
    *image(part, png)* relates a picture to a part and returns the relationship's id."""
    for layout in prs.slide_layouts:
        shapes = _cover(layout, primary, image) if layout.name in ("Title", "Section") else \
            _header(layout, theme, looks[layout.name], language, image)
        tree = layout._element.find("{*}cSld/{*}spTree")
        anchor = tree.find("{*}grpSpPr")
        for element in reversed(list(parse_xml(f"<p:spTree {NSDECL}>{shapes}</p:spTree>"))):
            anchor.addnext(element)
        _background(layout._element, theme.background)
        _title_colour(layout, DARK if layout.name in ("Title", "Section") or theme.header == "rule" else "FFFFFF")


def _header(layout, theme: Theme, look: Look, language: str, image) -> str:
    fill, on = header_colours(theme, look)
    rid = image(layout.part, icon_png(look.icon, on))
    parts = []
    if theme.header == "band":
        parts.append(shape(90, "Header", (0, 0, L.SLIDE_W, L.HEADER_H), fill))
    elif theme.header == "card":
        parts.append(shape(90, "Header", (0.25, 0.15, L.SLIDE_W - 0.5, L.HEADER_H - 0.2), fill, "roundRect"))
    else:
        parts.append(shape(90, "Header rule", (L.MARGIN, L.HEADER_H - 0.08, L.BODY_W, 0.06), on))
    parts.append(picture(91, "Role icon", rid, fit_box(look.icon, L.ICON_BOX)))
    parts.append(_label(92, look.label, on, language))
    return "".join(parts)


def _cover(layout, primary: str, image) -> str:
    """Return the cover's panel in the school's colour, with a large icon in white."""
    rid = image(layout.part, icon_png(COVER_ICON, "FFFFFF"))
    panel = (L.SLIDE_W - 2.4, 0, 2.4, L.SLIDE_H)
    return (shape(90, "Cover panel", panel, primary)
            + shape(91, "Cover rule", (0.8, 1.65, 2.0, 0.1), primary)
            + picture(92, "Cover icon", rid, fit_box(COVER_ICON, (L.SLIDE_W - 2.0, 2.9, 1.6, 1.6))))


def _background(root, colour: str) -> None:
    """Give a layout a solid page colour."""
    c_sld = root.find("{*}cSld")
    for old in c_sld.findall("{*}bg"):
        c_sld.remove(old)
    c_sld.insert(0, parse_xml(f'<p:bg {NSDECL}><p:bgPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
                              '<a:effectLst/></p:bgPr></p:bg>'))


def _title_colour(layout, colour: str) -> None:
    """Set the colour a teacher's new slide's title gets on this layout."""
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type in (1, 3):        # title, centre title
            style = placeholder._element.find("{*}txBody/{*}lstStyle")
            style.append(parse_xml(f'<a:lvl1pPr {NSDECL}><a:defRPr><a:solidFill><a:srgbClr val="{colour}"/>'
                                   '</a:solidFill></a:defRPr></a:lvl1pPr>'))


def theme_colours(prs, primary: str, accent: str) -> None:
    """Make the school's colours the theme's first two accents and its second dark colour."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    xml = part.blob.decode("utf-8")
    for slot, colour in (("dk2", primary), ("accent1", primary), ("accent2", accent)):
        xml = re.sub(rf"(<a:{slot}>)<a:srgbClr val=\"[0-9A-Fa-f]{{6}}\"/>", rf'\1<a:srgbClr val="{colour}"/>', xml, count=1)
    part._blob = xml.encode("utf-8")

