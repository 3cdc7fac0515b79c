"""DrawingML snippets shared by the slide template, its dressing and the slide renderer:
boxes, filled shapes and pictures, each decorative unless it carries meaning."""

from __future__ import annotations

from xml.sax.saxutils import escape

from pptx.util import Inches

from .icons import aspect

FONT = "Arial"

NSDECL = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
DECORATIVE = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
              'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')


def emu(inches: float) -> int:
    """Return *inches* in English Metric Units."""
    return int(Inches(inches))


def xfrm(box) -> str:
    """Return the position and size of a (left, top, width, height) box in inches."""
    x, y, w, h = (emu(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def tint(colour: str, amount: float) -> str:
    """Return *colour* mixed with white: *amount* 0 keeps it, 1 gives white."""
    channels = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)


def _attribute(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def run(text: str, size: float, colour: str, language: str, bold: bool = False, caps: bool = False) -> str:
    """Return a run of Arial text at *size* points in *colour*."""
    spacing = ' cap="all" spc="100"' if caps else ""
    return (f'<a:r><a:rPr lang="{language}" sz="{int(size * 100)}" b="{int(bold)}"{spacing}><a:solidFill>'
            f'<a:srgbClr val="{colour}"/></a:solidFill><a:latin typeface="{FONT}"/></a:rPr><a:t>{escape(text)}</a:t></a:r>')


def shape(shape_id: int, name: str, box, fill: str, geometry: str = "rect", text_xml: str = "", line: str = "") -> str:
    """Return a filled shape with the text body *text_xml* (with none, it is marked decorative),
    outlined in *line* when given."""
    mark = "" if text_xml else DECORATIVE
    body = text_xml or "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>"
    outline = f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>' if line else \
        "<a:ln><a:noFill/></a:ln>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attribute(name)}">{mark}</p:cNvPr><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{xfrm(box)}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>{outline}</p:spPr>{body}</p:sp>')


def text_box(shape_id: int, name: str, box, text_xml: str) -> str:
    """Return an unfilled text box holding the text body *text_xml*."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attribute(name)}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'{text_xml}</p:sp>')


def picture(shape_id: int, name: str, rid: str, box, description: str = "") -> str:
    """Return a picture; with no *description* it is marked decorative."""
    mark = "" if description else DECORATIVE
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{_attribute(name)}" descr="{_attribute(description)}">'
            f'{mark}</p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def fit_box(name: str, box) -> tuple[float, float, float, float]:
    """Return *box* shrunk to icon *name*'s shape, centred."""
    left, top, width, height = box
    ratio = aspect(name)
    w, h = (width, width / ratio) if ratio >= width / height else (height * ratio, height)
    return (left + (width - w) / 2, top + (height - h) / 2, w, h)
