"""Render a lesson's SlideSpecs to a 16:9 PPTX deck: each slide on its role's layout, text in
the layout's placeholders, footers and slide numbers in the master's fields, chats in a
phone-style window and the steps as a diagram, with speaker notes on every slide."""

from __future__ import annotations

import copy
import hashlib
import re
from xml.sax.saxutils import escape

from lxml.etree import SubElement
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart

from ..errors import OutputError
from ..plan import layout as L
from ..plan.deck import (
    CHAT_CHROME,
    SlideSpec,
    bubble_height,
    bubble_lines,
    fitted_size,
    items_height,
    labelled,
    narrow_fits,
)
from ..plan.textfit import height_in, text_width_in
from ..write.stamp import app_properties, package_zip, set_core_properties
from .colour import DARK
from .design import Design
from .drawing import FONT, NSDECL, emu, fit_box, picture, run, shape, text_box, tint
from .dress import dress, theme_colours
from .icons import icon_png
from .theme import design_file
from .thumbnail import thumbnail

FOOTER_COLOUR = "4D4D4D"
BUBBLE_FILL = {True: "DCEBFA", False: "EDEDED"}
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"     # one id, as PowerPoint gives its own
WIDESCREEN = (12192000, 6858000)        # PowerPoint's 16:9, 13.333 x 7.5 in: what the composer measures for
NUMBER = re.compile(r"(\d+)[.)]\s*(.*)")      # an item label "2." or "2. Myth.": a numbered list item


def render_slides(specs: list[SlideSpec], title: str, footer: str, design: Design) -> bytes:
    """Return the PPTX bytes of a deck showing *specs*."""
    try:
        prs = Presentation(str(design.slides_template))
    except Exception as e:  # python-pptx raises several kinds for an unreadable file
        raise OutputError(f"{design.slides_template}: not a usable PowerPoint file ({e})") from e
    prs.slide_width, prs.slide_height = WIDESCREEN
    theme = design.theme
    looks = design_file().layouts
    parts = _Parts(prs)
    if design.shipped_slides:       # a school's own template keeps its own look
        dress(prs, theme, looks, design.primary, design.language, parts.image)
        theme_colours(prs, design.primary, design.accent)
    layouts = layout_map(prs, design)
    for number, spec in enumerate(specs, start=1):
        layout_name = design_file().roles.get(spec.role, "Content")
        slide = prs.slides.add_slide(layouts[layout_name])
        slide._element.cSld.set("name", spec.name)      # the teaching role, which the gate reads back
        look = looks.get(layout_name)
        colour = theme.colours[look.colour] if look else design.primary
        painter = _Painter(slide, design, look, colour, parts)
        painter.title(spec, not design.shipped_slides or theme.header == "rule" or not look)
        painter.content(spec)
        painter.footer(footer, number)
        parts.notes(slide, spec.notes, design)
    set_core_properties(prs.core_properties, title, design.school or "lessonpack", design.language, design.when)
    _notes_master_listed(prs)
    return package_zip(prs.part.package, app_properties(len(specs)),
                       thumbnail(title, design.primary, theme.background if design.shipped_slides else "FFFFFF"))


def layout_map(prs, design: Design) -> dict:
    """Return each layout name the composer uses -> the template's layout: by name, else the
    layout with the same kinds of placeholder (a school's own template)."""
    found = _stand_ins(prs)
    if found is None:
        raise OutputError(f"{design.slides_template}: no slide layout has a title placeholder")
    return found


def _stand_ins(prs) -> dict | None:
    """Return the layout for each name the composer uses; None when no layout has a title."""
    layouts = {lay.name: lay for lay in prs.slide_layouts}
    titled = [lay for lay in prs.slide_layouts if any(p.placeholder_format.type in (1, 3) for p in lay.placeholders)]
    if not titled:
        return None
    with_body = [lay for lay in titled if any(p.placeholder_format.idx == 1 for p in lay.placeholders)] or titled
    with_body.sort(key=lambda lay: lay._element.get("type") != "obj")     # "Title and Content" first
    cover = [lay for lay in titled if any(p.placeholder_format.type == 3 for p in lay.placeholders)] or with_body
    return {name: layouts.get(name) or (cover if name == "Title" else with_body)[0]
            for name in ("Title", *design_file().layouts)}


def template_problems(path) -> list[tuple[str, str]]:
    """Return (severity, message) for a school's slide template: unusable, or lacking layouts
    (then which of its layouts stands in for them)."""
    try:
        prs = Presentation(str(path))
    except Exception as e:  # python-pptx raises several kinds for an unreadable file
        return [("error", f"not a usable PowerPoint file ({e}); save it from PowerPoint as .pptx")]
    found = _stand_ins(prs)
    if found is None:
        return [("error", "no slide layout has a title placeholder; add a \"Title and Content\" layout")]
    out = []
    if prs.slide_width * 9 != prs.slide_height * 16:
        out.append(("warning", "is 4:3; the slides are made 16:9, so its layouts may not fit them: "
                               "save a 16:9 copy from PowerPoint (Design > Slide Size > Widescreen)"
                    if prs.slide_width * 3 == prs.slide_height * 4 else
                    "is not 16:9; the slides are made 16:9, so its layouts may not fit them"))
    names = {lay.name for lay in prs.slide_layouts}
    missing = [name for name in found if name not in names]
    if missing:
        stand_ins = sorted({found[name].name for name in missing})
        out.append(("warning", f"has no layout named {', '.join(missing)}; those slides use "
                               f"{' and '.join(repr(n) for n in stand_ins)} (name a layout after each to give it its own look)"))
    return out


class _Painter:
    """Fills one slide: its title, body, pictures and footer."""

    def __init__(self, slide, design: Design, look, colour: str, parts: _Parts):
        self.slide, self.design, self.colour, self.parts = slide, design, colour, parts
        self.icon, self.label = (look.icon, look.label) if look else ("", "")
        self.next_id = 100
        self.role = ""

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _run(self, paragraph, text: str, size: float, colour: str = DARK, bold: bool = False) -> None:
        """Add a run of Arial text to *paragraph*, before its end mark; its XML is written
        directly, as python-pptx's setters are slow."""
        element = parse_xml(self._run_xml(text, size, colour, bold).replace("<a:r>", f"<a:r {NSDECL}>", 1))
        end = paragraph._p.find(qn("a:endParaRPr"))
        if end is None:
            paragraph._p.append(element)
        else:
            end.addprevious(element)

    def _placeholder(self, idx: int):
        try:
            return self.slide.placeholders[idx]
        except KeyError:
            return None

    def title(self, spec: SlideSpec, dark: bool) -> None:
        title = self.slide.shapes.title
        if title is None:
            raise OutputError(f"{self.design.slides_template}: the layout for {spec.role} slides has no title placeholder")
        frame = title.text_frame
        if spec.subtitle:
            self._run(frame.paragraphs[0], spec.title, 40, self.design.primary_text_on_white, bold=True)
        else:
            self._run(frame.paragraphs[0], spec.title, L.TITLE_PT, DARK if dark else "FFFFFF", bold=True)

    def content(self, spec: SlideSpec) -> None:
        self.role = spec.role
        body = self._placeholder(1)
        if spec.subtitle:
            self._lines(body, spec.subtitle)
            if self.design.logo:
                self._logo()
        elif spec.role == "steps":
            self._steps(body, spec)
        elif spec.bubbles:
            top = L.BODY_TOP
            if spec.items:
                height = items_height(spec.items)
                self._items(body, spec.items, L.BODY_PT, (L.MARGIN, L.BODY_TOP, L.BODY_W, height))
                top += height
            else:
                _remove(body)
            self._chat(spec.bubbles, top)
        elif spec.items:
            size = fitted_size(spec.items)
            if narrow_fits(spec.items, size):
                self._items(body, spec.items, size, (L.MARGIN, L.BODY_TOP, L.BODY_W - L.PICTURE_W - 0.4, L.BODY_H))
                self._role_picture()
            else:
                self._items(body, spec.items, size)
        else:
            _remove(body)

    def _lines(self, body, lines) -> None:
        frame = body.text_frame
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            self._run(paragraph, line, L.BODY_PT)

    def _items(self, body, items, size: float, box=None) -> None:
        if body is None:
            raise OutputError(f"{self.design.slides_template}: a layout the composer uses has no body placeholder (idx 1)")
        if box:
            body.left, body.top, body.width, body.height = (emu(v) for v in box)
        frame = body.text_frame
        for i, item in enumerate(items):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p_pr = paragraph._p.get_or_add_pPr()
            number = NUMBER.match(item.label)
            label = number.group(2) if number else item.label
            if number:          # a real numbered list: PowerPoint renumbers it as a teacher edits
                p_pr.set("marL", str(emu(L.BULLET_INDENT + 0.15)))
                p_pr.set("indent", str(-emu(L.BULLET_INDENT + 0.15)))
                SubElement(p_pr, qn("a:buFont"), typeface=FONT)
                SubElement(p_pr, qn("a:buAutoNum"), type="arabicPeriod", startAt=number.group(1))
            elif not item.bullet:
                p_pr.set("marL", "0")
                p_pr.set("indent", "0")
                SubElement(p_pr, qn("a:buNone"))
            if label:
                self._run(paragraph, labelled(label), size, bold=True)
            contact = self.role == "help" and bool(item.label)      # a service's contact, shown boldly
            self._run(paragraph, item.text, size, self.colour if contact else DARK, bold=contact)

    def _picture_xml(self, png: bytes, box, name: str, description: str = "") -> str:
        return picture(self._id(), name, self.parts.image(self.slide.part, png), box, description)

    def _append(self, xml: str) -> None:
        tree = self.slide.shapes._spTree
        for element in parse_xml(f"<p:spTree {NSDECL}>{xml}</p:spTree>"):
            tree.append(element)

    def _role_picture(self) -> None:
        """Put the role's icon large in a tinted circle beside a short body, described by the
        role's label (what a sighted reader takes from the header)."""
        left, top = L.SLIDE_W - L.MARGIN - L.PICTURE_W, L.BODY_TOP + (L.BODY_H - L.PICTURE_W) / 2
        self._append(shape(self._id(), "Role picture backdrop", (left, top, L.PICTURE_W, L.PICTURE_W),
                           tint(self.colour, 0.85), "ellipse"))
        inset = L.PICTURE_W * 0.22
        box = fit_box(self.icon, (left + inset, top + inset, L.PICTURE_W - 2 * inset, L.PICTURE_W - 2 * inset))
        self._append(self._picture_xml(icon_png(self.icon, self.colour), box, "Role picture", f"{self.label} slide"))

    def _logo(self) -> None:
        """Put the school's logo at the top of the cover's panel, at most 1.8 in wide and 1.2 in high."""
        try:
            data = self.design.logo.read_bytes()
            width, height = PptxImage.from_blob(data).size
        except Exception as e:  # Pillow and python-pptx raise several kinds for an unreadable image
            raise OutputError(f"{self.design.logo}: not a usable PNG or JPEG image ({e})") from e
        scale = min(1.8 / width, 1.2 / height)
        box = (L.SLIDE_W - 1.2 - width * scale / 2, 0.5, width * scale, height * scale)
        rid = self.parts.image(self.slide.part, data)
        self._append(picture(self._id(), "Logo", rid, box, f"{self.design.school or 'School'} logo"))

    def _steps(self, body, spec: SlideSpec) -> None:
        """Draw the steps as one diagram: a card per step, with its number and icon, then the
        last line below them."""
        steps = [item for item in spec.items if item.label]
        rest = [item for item in spec.items if not item.label]
        room = L.BODY_H - (items_height(rest) if rest else 0)
        gap = 0.1
        height = min(0.9, (room - gap * len(steps)) / len(steps))
        parts = []
        for n, item in enumerate(steps):
            top = L.BODY_TOP + n * (height + gap)
            text = (f'<p:txBody><a:bodyPr wrap="square" lIns="{emu(1.75)}" rIns="91440" tIns="0" bIns="0" anchor="ctr">'
                    f'<a:normAutofit/></a:bodyPr><a:lstStyle/><a:p>{self._run_xml(item.text, L.BODY_PT, DARK, True)}</a:p></p:txBody>')
            parts.append(shape(self._id(), f"Step {n + 1}", (L.MARGIN, top, L.BODY_W, height), tint(self.colour, 0.88),
                               "roundRect", text_xml=text))
            number = (f'<p:txBody><a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"/><a:lstStyle/>'
                      f'<a:p><a:pPr algn="ctr"/>{self._run_xml(str(n + 1), L.BODY_PT, "FFFFFF", True)}</a:p></p:txBody>')
            size = height - 0.16
            parts.append(shape(self._id(), f"Step number {n + 1}", (L.MARGIN + 0.12, top + 0.08, size, size),
                               self.colour, "ellipse", text_xml=number))
            parts.append(self._picture_xml(icon_png(item.icon, self.colour),
                                           fit_box(item.icon, (L.MARGIN + 0.95, top + 0.12, 0.65, height - 0.24)),
                                           f"Step {n + 1} icon", f"{item.icon.replace('-', ' ')} icon"))
        self._group("The steps, in order", parts)
        if rest:
            top = L.BODY_TOP + len(steps) * (height + gap)
            self._items(body, rest, L.BODY_PT, (L.MARGIN, top, L.BODY_W, L.BODY_TOP + L.BODY_H - top))
        else:
            _remove(body)

    def _run_xml(self, text: str, size: float, colour: str, bold: bool = False) -> str:
        return run(text, size, colour, self.design.language, bold)

    def _group(self, description: str, shapes: list[str]) -> None:
        """Add *shapes* as one group: moved, resized and read as one object."""
        self._append(f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{self._id()}" name="{escape(description)}" '
                     f'descr="{escape(description)}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
                     '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
                     f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(shapes)}</p:grpSp>')
        group = self.slide.shapes._spTree[-1]
        boxes = [(int(o.get("x")), int(o.get("y")), int(e.get("cx")), int(e.get("cy")))
                 for o, e in zip(group.iterfind("*/{*}spPr/{*}xfrm/{*}off"), group.iterfind("*/{*}spPr/{*}xfrm/{*}ext"))]
        x, y = min(b[0] for b in boxes), min(b[1] for b in boxes)
        cx, cy = max(b[0] + b[2] for b in boxes) - x, max(b[1] + b[3] for b in boxes) - y
        xfrm = group.find("{*}grpSpPr/{*}xfrm")
        for tag, values in (("off", (x, y)), ("chOff", (x, y))):
            xfrm.find(f"{{*}}{tag}").attrib.update({"x": str(values[0]), "y": str(values[1])})
        for tag in ("ext", "chExt"):
            xfrm.find(f"{{*}}{tag}").attrib.update({"cx": str(cx), "cy": str(cy)})

    def _chat(self, bubbles, top: float) -> None:
        """Draw the chat as one grouped phone-style window: a bar with the contact's avatar and
        name and whose phone it is, then the messages: theirs on the left, each run with an
        avatar, and the character's on the right."""
        others = list(dict.fromkeys(b.sender for b in bubbles if not b.mine))
        mine = next((b.sender for b in bubbles if b.mine), "")
        contact = ", ".join(others)
        height = sum(map(bubble_height, bubbles)) + CHAT_CHROME
        left, width = L.MARGIN, L.BODY_W
        bar = (left, top, width, L.CHAT_HEADER_H)
        parts = [shape(self._id(), "Chat window", (left, top, width, height), tint(self.colour, 0.94), "roundRect"),
                 shape(self._id(), "Chat name", bar, self.colour, text_xml=(
                     f'<p:txBody><a:bodyPr lIns="{emu(0.7)}" tIns="0" rIns="0" bIns="0" anchor="ctr"/><a:lstStyle/>'
                     f'<a:p>{self._run_xml(contact, L.LABEL_PT, "FFFFFF", True)}</a:p></p:txBody>')),
                 self._avatar(others[0] if len(others) == 1 else "+", left + 0.15, top + (L.CHAT_HEADER_H - L.AVATAR) / 2,
                              "FFFFFF", self.colour)]
        if mine:
            parts.append(self._text_box("Chat name, phone", f"{mine}\u2019s phone", (left + width - 3.3, top, 3.15, L.CHAT_HEADER_H),
                                        L.LABEL_PT, "FFFFFF", False, "r", "ctr"))
        y = top + L.CHAT_HEADER_H + 0.1
        inner_left, inner_right = left + 0.2, left + width - 0.2
        for i, bubble in enumerate(bubbles):
            label_h = height_in(1, L.LABEL_PT) if bubble.labelled else 0
            text_h = height_in(bubble_lines(bubble), L.BUBBLE_PT) + 2 * L.BUBBLE_PAD
            w = min(L.BUBBLE_W, max(2.5, text_width_in(bubble.text, L.BUBBLE_PT) + 2 * L.BUBBLE_PAD + 0.3))
            x = inner_right - w if bubble.mine else inner_left + L.AVATAR + 0.15
            if bubble.labelled:
                parts.append(self._text_box(f"Sender {bubble.sender}", bubble.sender, (x, y, w, label_h), L.LABEL_PT,
                                            DARK, True, "l", "b"))
            if not bubble.mine and (i == 0 or bubbles[i - 1].sender != bubble.sender):
                parts.append(self._avatar(bubble.sender, inner_left, y + label_h + (text_h - L.AVATAR) / 2,
                                          self.colour, "FFFFFF"))
            parts.append(self._text_box(f"Message from {bubble.sender}", bubble.text, (x, y + label_h, w, text_h),
                                        L.BUBBLE_PT, DARK, False, "l", "ctr", BUBBLE_FILL[bubble.mine]))
            y += label_h + text_h + L.BUBBLE_GAP
        self._group(f"Chat messages: {contact}" + (f" and {mine}" if mine else ""), parts)

    def _avatar(self, who: str, left: float, top: float, fill: str, ink: str) -> str:
        initial = (who.strip("\"'\u201c\u201d ")[:1] or "?").upper()
        text = (f'<p:txBody><a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"/><a:lstStyle/>'
                f'<a:p><a:pPr algn="ctr"/>{self._run_xml(initial, L.LABEL_PT, ink, True)}</a:p></p:txBody>')
        return shape(self._id(), f"Avatar {who}", (left, top, L.AVATAR, L.AVATAR), fill, "ellipse", text_xml=text)

    def _text_box(self, name: str, text: str, box, size: float, colour: str, bold: bool, align: str, anchor: str,
                  fill: str = "") -> str:
        body = (f'<p:txBody><a:bodyPr wrap="square" lIns="{emu(L.BUBBLE_PAD)}" rIns="{emu(L.BUBBLE_PAD)}" '
                f'tIns="{emu(L.BUBBLE_PAD / 2)}" bIns="{emu(L.BUBBLE_PAD / 2)}" anchor="{anchor}"/>'
                f'<a:lstStyle/><a:p><a:pPr algn="{align}"/>{self._run_xml(text, size, colour, bold)}</a:p></p:txBody>')
        if fill:
            return shape(self._id(), name, box, fill, "roundRect", text_xml=body, line=FOOTER_COLOUR)
        return text_box(self._id(), name, box, body)

    def footer(self, text: str, number: int) -> None:
        """Add the footer and slide number as the layout's placeholders; the number is a field,
        which renumbers itself when a teacher adds or moves a slide."""
        self._append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="Footer"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            '<p:nvPr><p:ph type="ftr" sz="quarter" idx="11"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
            f'<a:lstStyle/><a:p>{self._run_xml(text, L.FOOTER_PT, FOOTER_COLOUR)}</a:p></p:txBody></p:sp>'
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="Slide Number"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            '<p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
            f'<a:lstStyle/><a:p><a:pPr algn="r"/><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">'
            f'<a:rPr lang="{self.design.language}" sz="{L.FOOTER_PT * 100}" b="0"><a:solidFill><a:srgbClr val="{FOOTER_COLOUR}"/>'
            f'</a:solidFill><a:latin typeface="{FONT}"/></a:rPr><a:t>{number}</a:t>'
            '</a:fld></a:p></p:txBody></p:sp>')


def _remove(placeholder) -> None:
    """Remove an unused placeholder, which would otherwise show "Click to add text"."""
    if placeholder is not None:
        placeholder._element.getparent().remove(placeholder._element)


def _notes_master_listed(prs) -> None:
    """List the notes master in presentation.xml, where Keynote and others look for it."""
    presentation = prs.part._element
    presentation.sldSz.attrib.pop("type", None)
    if presentation.find(qn("p:notesMasterIdLst")) is None:
        rel = prs.part.relate_to(prs.notes_master.part, RT.NOTES_MASTER)
        listed = presentation.makeelement(qn("p:notesMasterIdLst"), {})
        SubElement(listed, qn("p:notesMasterId"), {qn("r:id"): rel})
        presentation.find(qn("p:sldMasterIdLst")).addnext(listed)


class _Parts:
    """Adds a deck's notes slides and pictures, naming each part once from a counter; python-pptx
    searches the whole package for a free name (and an identical picture) at every addition."""

    def __init__(self, prs):
        self.package = prs.part.package
        self.master = prs.notes_master
        self.taken = {str(p.partname) for p in self.package.iter_parts()}
        self.counters: dict[str, int] = {}
        self.images: dict[str, ImagePart] = {}
        self.notes_page = None      # a notes page with the master's placeholders, to copy

    def _name(self, template: str) -> PackURI:
        n = self.counters.get(template, 0) + 1
        while template % n in self.taken:
            n += 1
        self.counters[template] = n
        return PackURI(template % n)

    def image(self, part, data: bytes) -> str:
        """Return the id of the relationship from *part* to the picture *data* (PNG or JPEG),
        stored once a deck."""
        sha1 = hashlib.sha1(data).hexdigest()
        if sha1 not in self.images:
            image = PptxImage.from_blob(data)
            self.images[sha1] = ImagePart(self._name(f"/ppt/media/image%d.{image.ext}"), image.content_type,
                                          self.package, data)
        return part.relate_to(self.images[sha1], RT.IMAGE)

    def notes(self, slide, text: str, design: Design) -> None:
        """Give *slide* speaker notes *text* (on a copy of the first notes page's placeholders)."""
        element = copy.deepcopy(self.notes_page) if self.notes_page is not None else CT_NotesSlide.new()
        part = NotesSlidePart(self._name("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE, self.package,
                              element)
        part.relate_to(self.master.part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        if self.notes_page is None:
            part.notes_slide.clone_master_placeholders(self.master)
            self.notes_page = copy.deepcopy(element)
        frame = part.notes_slide.notes_text_frame
        if frame is None:
            raise OutputError(f"{design.slides_template}: the notes master has no body placeholder for speaker notes")
        frame.text = text
