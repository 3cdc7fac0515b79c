"""DrawingML snippets shared by the slide template, its dressing and the slide renderer:
boxes, filled shapes and pictures, each decorative unless it carries meaning."""

from __future__ import annotations

from xml.sax.saxutils import escape

from pptx.util import Inches

from .icons import aspect

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


def shape(shape_id: int, name: str, box, fill: str, geometry: str = "rect", text_xml: str = "") -> str:
    """Return a filled shape with the text body *text_xml*; with none, it is marked decorative."""
    mark = "" if text_xml else DECORATIVE
    body = text_xml or "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}">{mark}</p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{xfrm(box)}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>{body}</p:sp>')


def picture(shape_id: int, name: str, rid: str, box, description: str = "") -> str:
    """Return a picture; with no *description* it is marked decorative."""
    mark = "" if description else DECORATIVE
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{name}" descr="{escape(description, {chr(34): "&quot;"})}">'
            f'{mark}</p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def fit_box(name: str, box) -> tuple[float, float, float, float]:
    """Return *box* shrunk to icon *name*'s shape, centred."""
    left, top, width, height = box
    ratio = aspect(name)
    w, h = (width, width / ratio) if ratio >= width / height else (height * ratio, height)
    return (left + (width - w) / 2, top + (height - h) / 2, w, h)
