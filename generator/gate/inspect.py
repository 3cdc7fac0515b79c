"""Read the facts the gate checks straight from built PPTX and DOCX bytes (zip and XML).

This looks at what a teacher would open, not at what the renderer meant to write, and is fast
enough to run on every build.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"a": A, "p": P, "r": R, "w": W, "rel": REL}


@dataclass(frozen=True)
class Run:
    """A run of text with its size in points, colour and the colour behind it."""

    text: str
    size: float
    colour: str
    background: str
    shape: str = ""
    italic: bool = False
    underline: bool = False


@dataclass(eq=False)
class SlideFacts:
    number: int
    title: str
    paragraphs: list[str] = field(default_factory=list)   # body text, one entry per paragraph
    runs: list[Run] = field(default_factory=list)
    notes: str = ""
    pictures: list[str] = field(default_factory=list)     # alt text of each picture
    languages: set[str] = field(default_factory=set)
    name: str = ""            # the slide's name: its teaching role and segment, "reveal 2"


@dataclass
class Paragraph:
    number: int
    style: str
    text: str
    runs: list[Run]
    in_table: bool = False
    list_id: str = ""       # the Word list (numbering instance) the paragraph is an item of, if set on it


@dataclass(eq=False)
class DeckFacts:
    """The slides of a deck, in order."""

    slides: list[SlideFacts]


@dataclass(eq=False)
class DocFacts:
    paragraphs: list[Paragraph]
    tables_without_header: list[int]
    language: str
    pictures: list[str]
    line_spacing: float = 1.0       # of the Normal style, as a multiple of single spacing
    page_colour: str = "FFFFFF"


def _hex(value: str | None, default: str = "000000") -> str:
    """Return *value* if it is a six-digit hex colour (not "auto" or a theme name), else *default*."""
    return value if value and len(value) == 6 and all(c in "0123456789ABCDEFabcdef" for c in value) else default


def _xml(archive: zipfile.ZipFile, name: str):
    return etree.fromstring(archive.read(name))


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Return relationship id -> target part name for *part*."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.namelist():
        return {}
    rels = _xml(archive, rels_name)
    return {r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
            for r in rels.iterfind("rel:Relationship", NS)}


def read_deck(data: bytes) -> DeckFacts:
    """Return the facts of every slide of a PPTX, in order."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    presentation = _xml(archive, "ppt/presentation.xml")
    targets = _rels(archive, "ppt/presentation.xml")
    ids = [s.get(f"{{{R}}}id") for s in presentation.iterfind("p:sldIdLst/p:sldId", NS)]
    cache: dict = {}
    return DeckFacts([_slide(archive, targets[rid], n, cache) for n, rid in enumerate(ids, start=1)])


SMALL_TEXT = ("Footer", "Slide Number", "Sender ", "Avatar ", "Chat name")   # names, footers: LABEL_PT is enough
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def decorative(shape) -> bool:
    """Return whether *shape* is marked decorative (screen readers pass over it)."""
    mark = shape.find(f".//{{{DECORATIVE}}}decorative")
    return mark is not None and mark.get("val") == "1"


@dataclass(frozen=True)
class _Layout:
    """What a slide inherits from its layout: the page colour, filled shapes and placeholder boxes."""

    background: str
    fills: list
    boxes: dict


def _layout(archive, slide_part: str, cache: dict) -> _Layout:
    target = next((t for t in _rels(archive, slide_part).values() if "slideLayout" in t), None)
    if target not in cache:
        root = _xml(archive, target) if target else None
        if root is None:
            cache[target] = _Layout("FFFFFF", [], {})
        else:
            bg = root.find("p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr", NS)
            fills = [(_rect(sp), fill.get("val")) for sp in root.iter(f"{{{P}}}sp")
                     if (fill := sp.find("p:spPr/a:solidFill/a:srgbClr", NS)) is not None]
            boxes = {_ph_key(ph): _rect(sp) for sp in root.iter(f"{{{P}}}sp")
                     if (ph := sp.find("p:nvSpPr/p:nvPr/p:ph", NS)) is not None}
            cache[target] = _Layout(bg.get("val") if bg is not None else "FFFFFF", fills, boxes)
    return cache[target]


def _ph_key(ph) -> str:
    return ph.get("idx") or ph.get("type", "body")


def _slide(archive, part: str, number: int, cache: dict) -> SlideFacts:
    root = _xml(archive, part)
    facts = SlideFacts(number, "", name=root.find("p:cSld", NS).get("name", ""))
    layout = _layout(archive, part, cache)
    fills = list(layout.fills)   # (rectangle, colour) of filled shapes, in drawing order
    for shape in root.iter(f"{{{P}}}sp", f"{{{P}}}pic"):
        name = shape.find(".//p:cNvPr", NS)
        if shape.tag == f"{{{P}}}pic":
            if not decorative(name):
                facts.pictures.append(name.get("descr", ""))
            continue
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        rect = _rect(shape)
        if rect == (0, 0, 0, 0) and ph is not None:
            rect = layout.boxes.get(_ph_key(ph), rect)
        own = shape.find("p:spPr/a:solidFill/a:srgbClr", NS)
        background = own.get("val") if own is not None else _behind(rect, fills, layout.background)
        if own is not None:
            fills.append((rect, own.get("val")))
        is_title = ph is not None and ph.get("type") in ("title", "ctrTitle")
        shape_name = name.get("name", "")
        number = 0
        for paragraph in shape.iterfind("p:txBody/a:p", NS):
            text = "".join(t.text or "" for t in paragraph.iter(f"{{{A}}}t"))
            auto = paragraph.find("a:pPr/a:buAutoNum", NS)
            if auto is not None:       # read a numbered list as shown: "2. ..."
                number = int(auto.get("startAt", number + 1))
                text = f"{number}. {text}"
            if is_title:
                facts.title += text
            elif text.strip() and not shape_name.startswith(SMALL_TEXT):
                facts.paragraphs.append(text)
            for run in paragraph.iterfind("a:r", NS):
                props = run.find("a:rPr", NS)
                size = int(props.get("sz", "1800")) / 100 if props is not None else 18.0
                colour = props.find("a:solidFill/a:srgbClr", NS) if props is not None else None
                if props is not None and props.get("lang"):
                    facts.languages.add(props.get("lang"))
                facts.runs.append(Run(run.findtext("a:t", "", NS), size,
                                      _hex(colour.get("val") if colour is not None else None), background,
                                      "title" if is_title else shape_name))
    facts.notes = _notes(archive, part)
    return facts


def _rect(shape) -> tuple[int, int, int, int]:
    off, ext = shape.find("p:spPr/a:xfrm/a:off", NS), shape.find("p:spPr/a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return (0, 0, 0, 0)
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def _behind(rect, fills, page: str = "FFFFFF") -> str:
    """Return the colour of the topmost filled shape that contains *rect*'s centre, else the page's."""
    x, y = rect[0] + rect[2] / 2, rect[1] + rect[3] / 2
    for (fx, fy, fw, fh), colour in reversed(fills):
        if fx <= x <= fx + fw and fy <= y <= fy + fh:
            return colour
    return page


def _notes(archive, slide_part: str) -> str:
    for target in _rels(archive, slide_part).values():
        if "notesSlide" in target:
            root = _xml(archive, target)
            bodies = [sp for sp in root.iter(f"{{{P}}}sp")
                      if (ph := sp.find("p:nvSpPr/p:nvPr/p:ph", NS)) is not None and ph.get("type") == "body"]
            return "\n".join("".join(t.text or "" for t in sp.iter(f"{{{A}}}t")) for sp in bodies)
    return ""


def read_document(data: bytes) -> DocFacts:
    """Return the paragraphs (with effective sizes, colours and the colour behind them, and the
    Word list each is an item of), tables without a header row, pictures that are not decorative,
    and the language of a DOCX."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    styles = _styles(_xml(archive, "word/styles.xml"))
    document = _xml(archive, "word/document.xml")
    background = document.find("w:background", NS)
    page = _hex(background.get(f"{{{W}}}color") if background is not None else None, "FFFFFF")
    body = document.find("w:body", NS)
    paragraphs, missing_headers = [], []
    for n, table in enumerate(body.iter(f"{{{W}}}tbl"), start=1):
        first = table.find("w:tr", NS)
        if first is None or first.find("w:trPr/w:tblHeader", NS) is None:
            missing_headers.append(n)
    for n, p in enumerate(body.iter(f"{{{W}}}p"), start=1):
        style_id = p.find("w:pPr/w:pStyle", NS)
        style = style_id.get(f"{{{W}}}val") if style_id is not None else styles["default"]
        size, colour = styles["size"].get(style), styles["colour"].get(style)
        cell = next((a for a in p.iterancestors(f"{{{W}}}tc")), None)
        behind = _fill(p.find("w:pPr/w:shd", NS)) or _fill(cell.find("w:tcPr/w:shd", NS) if cell is not None else None)
        runs = []
        for r in p.iter(f"{{{W}}}r"):
            text = "".join(t.text or "" if t.tag == f"{{{W}}}t" else " "      # a tab or line break reads as a space
                           for t in r.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"))
            sz = r.find("w:rPr/w:sz", NS)
            col = r.find("w:rPr/w:color", NS)
            underline = r.find("w:rPr/w:u", NS)
            runs.append(Run(text, int(sz.get(f"{{{W}}}val")) / 2 if sz is not None else size,
                            _hex(col.get(f"{{{W}}}val") if col is not None else colour),
                            _fill(r.find("w:rPr/w:shd", NS)) or behind or page, "",
                            _on(r.find("w:rPr/w:i", NS)),
                            underline is not None and underline.get(f"{{{W}}}val") != "none"))
        num_id = p.find("w:pPr/w:numPr/w:numId", NS)
        paragraphs.append(Paragraph(n, styles["name"].get(style, style), "".join(r.text for r in runs), runs,
                                    cell is not None, num_id.get(f"{{{W}}}val") if num_id is not None else ""))
    pictures = [d.get("descr", "") for d in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/"
                                                       "wordprocessingDrawing}docPr") if not decorative(d)]
    return DocFacts(paragraphs, missing_headers, styles["language"], pictures, styles["spacing"], page)


def _fill(shading) -> str | None:
    """Return the colour a w:shd element fills with, or None when it fills nothing."""
    fill = shading.get(f"{{{W}}}fill") if shading is not None else None
    return _hex(fill, None) if fill and fill != "auto" else None


def _on(toggle) -> bool:
    """Return whether an on/off run property (such as w:i) is switched on."""
    return toggle is not None and toggle.get(f"{{{W}}}val", "true") not in ("0", "false", "off")


def _styles(root) -> dict:
    """Return style names, effective sizes (points) and colours by style id, and the default language."""
    defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    default_size = 10.0
    language = ""
    if defaults is not None:
        if (sz := defaults.find("w:sz", NS)) is not None:
            default_size = int(sz.get(f"{{{W}}}val")) / 2
        if (lang := defaults.find("w:lang", NS)) is not None:
            language = lang.get(f"{{{W}}}val", "")
    raw = {}
    default_style = "Normal"
    for style in root.iterfind("w:style", NS):
        sid = style.get(f"{{{W}}}styleId")
        if style.get(f"{{{W}}}default") == "1" and style.get(f"{{{W}}}type") == "paragraph":
            default_style = sid
        sz, col = style.find("w:rPr/w:sz", NS), style.find("w:rPr/w:color", NS)
        based = style.find("w:basedOn", NS)
        name = style.find("w:name", NS)
        raw[sid] = (name.get(f"{{{W}}}val") if name is not None else sid,
                    int(sz.get(f"{{{W}}}val")) / 2 if sz is not None else None,
                    col.get(f"{{{W}}}val") if col is not None else None,
                    based.get(f"{{{W}}}val") if based is not None else None)

    def resolve(sid, index, fallback, depth=0):
        if sid not in raw or depth > 10:
            return fallback
        value = raw[sid][index]
        return value if value is not None else resolve(raw[sid][3], index, fallback, depth + 1)

    spacing = 1.0
    normal = root.find(f"w:style[@w:styleId='{default_style}']/w:pPr/w:spacing", NS)
    if normal is not None and normal.get(f"{{{W}}}lineRule", "auto") == "auto" and normal.get(f"{{{W}}}line"):
        spacing = int(normal.get(f"{{{W}}}line")) / 240
    return {"name": {sid: v[0] for sid, v in raw.items()}, "spacing": spacing,
            "size": {sid: resolve(sid, 1, default_size) for sid in raw},
            "colour": {sid: resolve(sid, 2, "000000") for sid in raw},
            "default": default_style, "language": language}
