"""Runs of document text: web addresses as links, and icons as inline pictures."""

from __future__ import annotations

import io
import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

from .icons import icon_png

WEB = re.compile(r"\b(?:https?://[^\s|,;()]+|(?:[a-z0-9-]+\.)+(?:org\.uk|police\.uk|gov\.uk|co\.uk|nhs\.uk|uk|com|org|net"
                 r"|gov|gov\.au|org\.au|com\.au|net\.au|au)(?:/[^\s|,;()]*)?)", re.I)
DECORATIVE = ('<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
              '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
              'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')


W_R, W_RPR, W_B, W_T, SPACE = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t"), qn("xml:space")


def add_text(paragraph, text: str, bold, links) -> None:
    """Add *text* as runs, each web address in it as a link to that address in *links*' (colour,
    underlined) style; with no *links*, as plain text."""
    start = 0
    for match in WEB.finditer(text) if links else ():
        address = match.group(0).rstrip(".")
        if match.start() > start:
            plain_run(paragraph._p, text[start:match.start()], bold)
        _link(paragraph, address, bold, *links)
        start = match.start() + len(address)
    if start < len(text) or not text:
        plain_run(paragraph._p, text[start:], bold)


def plain_run(p, text: str, bold=None) -> None:
    """Append a run of *text* (on one line), bold if *bold*, to paragraph element *p*: the
    element python-docx's add_run would make, a good deal faster."""
    run = etree.SubElement(p, W_R)
    if bold:
        etree.SubElement(etree.SubElement(run, W_RPR), W_B)
    element = etree.SubElement(run, W_T)
    element.text = text
    if text != text.strip():
        element.set(SPACE, "preserve")


def _link(paragraph, address: str, bold, colour: str, underline: bool) -> None:
    """Add a link to *address* (https:// added when it has no scheme), coloured, underlined
    unless the print variant uses bold for emphasis instead."""
    target = address if "://" in address else f"https://{address}"
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True))
    paragraph._p.append(link)
    run = paragraph.add_run(address)
    run.bold = bold if underline else True
    run.font.color.rgb = RGBColor.from_string(colour)
    run.font.underline = underline or None
    link.append(run._r)


def add_icon(paragraph, name: str, colour: str, height, alt: str = "") -> None:
    """Add icon *name* in *colour* as an inline picture *height* tall, described by *alt*, or,
    without alt text, marked decorative (the words beside it say what it means)."""
    shape = paragraph.add_run().add_picture(io.BytesIO(icon_png(name, colour)), height=height)
    for side in ("distT", "distB", "distL", "distR"):      # LibreOffice adds a gap around it otherwise
        shape._inline.set(side, "0")
    props = shape._inline.docPr
    props.set("name", f"Icon {name}")
    props.set("descr", alt)
    if not alt:
        props.append(parse_xml(DECORATIVE))
