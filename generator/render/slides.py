"""Render a lesson's SlideSpecs to a 16:9 PPTX deck with speaker notes on every slide."""

from __future__ import annotations

import copy
import io

from lxml.etree import SubElement

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from .. import layout as L
from ..colour import DARK
from ..deck import SlideSpec, bubble_lines, items_height, labelled
from ..textfit import height_in, text_width_in
from ..errors import OutputError
from ..stamp import app_properties, normalise_zip, set_core_properties
from .design import Design

FONT = "Arial"
FOOTER_COLOUR = "4D4D4D"
WIDESCREEN = (Emu(12192000), Emu(6858000))   # 13.333 x 7.5 in, PowerPoint's 16:9
BUBBLE_FILL = {True: "DCEBFA", False: "EDEDED"}


def render_slides(specs: list[SlideSpec], title: str, footer: str, design: Design) -> bytes:
    """Return the PPTX bytes of a deck showing *specs*."""
    try:
        prs = Presentation(str(design.slides_template))
    except Exception as e:  # python-pptx raises several kinds for an unreadable file
        raise OutputError(f"{design.slides_template}: not a usable PowerPoint file ({e})") from e
    prs.slide_width, prs.slide_height = WIDESCREEN
    layout = _title_only_layout(prs, design)
    for n, spec in enumerate(specs, start=1):
        slide = prs.slides.add_slide(layout)
        slide._element.cSld.set("name", spec.name)      # the teaching role, which the gate reads back
        if spec.subtitle:
            _title_slide(slide, spec, design)
        else:
            _title(slide, spec.title, design)
            above = items_height(spec.items) if spec.bubbles else L.BODY_H    # a story's setting above its chat
            if spec.items:
                _body(slide, spec.items, design, above)
            if spec.bubbles:
                _bubbles(slide, spec.bubbles, design, L.BODY_TOP + (above if spec.items else 0))
        _footer(slide, footer, n, design)
        _notes(slide, spec.notes, design)
    set_core_properties(prs.core_properties, title, design.school or "lessonpack", design.language, design.when)
    _widescreen_and_notes_master(prs)
    out = io.BytesIO()
    prs.save(out)
    return normalise_zip(out.getvalue(), app_properties(len(specs)))


def _widescreen_and_notes_master(prs) -> None:
    """Say the slide size is custom 16:9 (not the template's "screen4x3"), and list the notes
    master in presentation.xml, where Keynote and others look for it."""
    presentation = prs.part._element
    presentation.sldSz.attrib.pop("type", None)
    if presentation.find(qn("p:notesMasterIdLst")) is None:
        rel = prs.part.relate_to(prs.notes_master.part, RT.NOTES_MASTER)
        listed = presentation.makeelement(qn("p:notesMasterIdLst"), {})
        SubElement(listed, qn("p:notesMasterId"), {qn("r:id"): rel})
        presentation.find(qn("p:sldMasterIdLst")).addnext(listed)


def _title_only_layout(prs, design: Design):
    """Return the layout named "Title Only", else the layout with a title and fewest other placeholders."""
    layouts = list(prs.slide_layouts)
    named = [lay for lay in layouts if lay.name == "Title Only"]
    titled = sorted((lay for lay in layouts if any(p.placeholder_format.type == 1 for p in lay.placeholders)),
                    key=lambda lay: len(lay.placeholders))
    if not (named or titled):
        raise OutputError(f"{design.slides_template}: no slide layout has a title placeholder")
    return (named or titled)[0]


def _run(paragraph, text: str, size: int, design: Design, colour: str = DARK, bold: bool = False) -> None:
    """Add a run of Arial text; its XML is written directly, as python-pptx's setters are slow."""
    run = paragraph._p.add_r()
    run.text = text
    props = run.get_or_add_rPr()
    props.set("lang", design.language)
    props.set("sz", str(size * 100))
    props.set("b", "1" if bold else "0")
    fill = SubElement(props, qn("a:solidFill"))
    SubElement(fill, qn("a:srgbClr"), val=colour)
    SubElement(props, qn("a:latin"), typeface=FONT)


def _box(slide, left, top, width, height):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    return box, frame


def _title(slide, text: str, design: Design) -> None:
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(L.SLIDE_W), Inches(L.TITLE_TOP + L.TITLE_H))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(design.primary)
    bar.line.fill.background()
    bar.name = "Title bar"
    _decorative(bar)
    slide.shapes._spTree.remove(bar._element)
    slide.shapes._spTree.insert(2, bar._element)
    title = slide.shapes.title
    title.left, title.top = Inches(L.MARGIN), Inches(L.TITLE_TOP)
    title.width, title.height = Inches(L.BODY_W), Inches(L.TITLE_H)
    frame = title.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _run(paragraph, text, L.TITLE_PT, design, design.title_text, bold=True)


DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"     # one id, as PowerPoint gives its own


def _decorative(shape) -> None:
    """Mark *shape* decorative, so screen readers and accessibility checkers pass over it."""
    c_nv_pr = shape._element.nvSpPr.cNvPr
    ext_lst = SubElement(c_nv_pr, qn("a:extLst"))
    ext = SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_EXT)
    SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")


def _title_slide(slide, spec: SlideSpec, design: Design) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(L.MARGIN), Inches(2.0), Inches(L.BODY_W), Inches(1.8)
    frame = title.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.BOTTOM
    _run(frame.paragraphs[0], spec.title, 40, design, design.primary_text_on_white, bold=True)
    box, sub = _box(slide, L.MARGIN, 4.0, L.BODY_W, 2.4)
    box.name = "Subtitle"
    for i, line in enumerate(spec.subtitle):
        paragraph = sub.paragraphs[0] if i == 0 else sub.add_paragraph()
        _run(paragraph, line, L.BODY_PT, design)
    if design.logo:
        _logo(slide, design)


def _logo(slide, design: Design) -> None:
    try:
        picture = slide.shapes.add_picture(str(design.logo), Inches(L.SLIDE_W - L.MARGIN - 2.0), Inches(0.4),
                                           height=Inches(1.2))
    except Exception as e:  # Pillow and python-pptx raise several kinds for an unreadable image
        raise OutputError(f"{design.logo}: not a usable PNG or JPEG image ({e})") from e
    picture._element.nvPicPr.cNvPr.set("descr", f"{design.school or 'School'} logo")


def _body(slide, items, design: Design, height: float = L.BODY_H) -> None:
    box, frame = _box(slide, L.MARGIN, L.BODY_TOP, L.BODY_W, height)
    box.name = "Body"
    for i, item in enumerate(items):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(L.PARA_GAP_PT)
        if item.bullet:
            _bullet(paragraph)
        if item.label:
            _run(paragraph, labelled(item.label), L.BODY_PT, design, bold=True)
        _run(paragraph, item.text, L.BODY_PT, design)


def _bullet(paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(Inches(L.BULLET_INDENT)))
    p_pr.set("indent", str(-Inches(L.BULLET_INDENT)))
    char = p_pr.makeelement(qn("a:buChar"), {"char": "\u2022"})
    p_pr.append(char)


def _bubbles(slide, bubbles, design: Design, top: float = L.BODY_TOP) -> None:
    for bubble in bubbles:
        label_h = height_in(1, L.LABEL_PT) if bubble.labelled else 0
        text_h = height_in(bubble_lines(bubble), L.BUBBLE_PT) + 2 * L.BUBBLE_PAD
        width = min(L.BUBBLE_W, max(2.5, text_width_in(bubble.text, L.BUBBLE_PT) + 2 * L.BUBBLE_PAD + 0.3))
        left = L.SLIDE_W - L.MARGIN - width if bubble.mine else L.MARGIN
        if bubble.labelled:
            box, label = _box(slide, left, top, width, label_h)
            box.name = f"Sender {bubble.sender}"
            label.margin_top = label.margin_bottom = 0
            label.paragraphs[0].alignment = PP_ALIGN.RIGHT if bubble.mine else PP_ALIGN.LEFT
            _run(label.paragraphs[0], bubble.sender, L.LABEL_PT, design, bold=True)
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left), Inches(top + label_h),
                                       Inches(width), Inches(text_h))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(BUBBLE_FILL[bubble.mine])
        shape.line.color.rgb = RGBColor.from_string(FOOTER_COLOUR)
        shape.shadow.inherit = False
        shape.name = f"Message from {bubble.sender}"
        frame = shape.text_frame
        frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = Inches(L.BUBBLE_PAD)
        frame.margin_top = frame.margin_bottom = Inches(L.BUBBLE_PAD / 2)
        frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        _run(frame.paragraphs[0], bubble.text, L.BUBBLE_PT, design)
        top += label_h + text_h + L.BUBBLE_GAP


def _footer(slide, text: str, number: int, design: Design) -> None:
    """Add the footer: *text*, then the slide number as a field, which renumbers itself when a
    teacher adds or moves a slide."""
    box, frame = _box(slide, L.MARGIN, L.FOOTER_TOP, L.BODY_W, L.FOOTER_H)
    box.name = "Footer"
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    _run(paragraph, f"{text} | ", L.FOOTER_PT, design, FOOTER_COLOUR)
    run = paragraph._p.r_lst[-1]
    field = run.makeelement(qn("a:fld"), {"id": SLIDE_NUMBER_FIELD, "type": "slidenum"})
    field.append(copy.deepcopy(run.rPr))
    SubElement(field, qn("a:t")).text = str(number)
    run.addnext(field)


def _notes(slide, text: str, design: Design) -> None:
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        raise OutputError(f"{design.slides_template}: the notes master has no body placeholder for speaker notes")
    frame.text = text
