"""Printed sheets for pupils, each on one page: a poster of the steps and where to get help (on
the region's paper, and large: A3 or Tabloid), and a folding pocket card, several to a sheet
with cut and fold lines."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from ..plan.textfit import LINE_SPACING
from . import grid
from .cards import Card, mark, sized
from .colour import DARK
from .design import Design
from .documents import (
    MARGIN,
    PAPER,
    credit,
    finish,
    open_document,
    set_page,
    set_styles,
)
from .icons import aspect
from .numbering import new_list, numbered
from .runs import add_icon, add_text

LARGE = {"a4": (Mm(297), Mm(420)), "letter": (Mm(279.4), Mm(431.8))}    # A3; Tabloid, 11 x 17 in
POSTER_PT = {"title": 34, "heading": 28, "step": 18, "body": 16, "footer": 10}   # the smallest, on A4 or Letter
GROW = tuple(1.5 - n / 20 for n in range(10))   # how much larger the poster's type may be: the largest that fits
FULL = 0.95                         # of the page's height the poster's estimated height may take
SERVICE_GAP = Mm(4)                 # between the poster's two columns of services
WIDTH, BOLD_WIDTH = 0.5, 0.55       # Arial's average character width, over its size, in running text
PANEL = (Mm(85.6), Mm(54))          # a credit card (ISO/IEC 7810 ID-1): each side of the folded card
PANEL_PAD = (Mm(2), Mm(3))          # inside a panel: top and bottom, left and right
CARD_PT = (9.5, 9, 8.5, 8, 7.5, 7)  # a card panel's text sizes, largest first: each panel takes the largest that fits
CARD_HEADING_PT = 10.5
FOOTER_PT = 7                       # the card sheet's footer
CREDIT_PT = 7                       # the icons' credit, under a sheet's footer (poster: scaled with the page)
SHEET_MARGINS = (Mm(8), Mm(14), Mm(5))   # the card sheet's top and bottom margins, and the footer's distance


@dataclass(frozen=True)
class Sheet:
    """What a poster or pocket card says: all of it from the curriculum, the config and the region."""

    heading: str                    # over the steps, as the handout heads them
    steps: tuple[Card, ...]
    never_your_fault: str
    help_heading: str
    dsl: str                        # who at school pupils can talk to
    dsl_simple: str                 # the same in the easy-read words, on the card
    services: tuple[tuple[str, str], ...]   # (name with any age note, how to reach it)
    footer: str
    cut_note: str                   # how to cut and fold the cards, in the card sheet's footer


def render_poster(sheet: Sheet, design: Design, large: bool = False) -> bytes:
    """Return the DOCX of *sheet* as a one-page poster on the design's paper, or (*large*) on A3 or
    Tabloid with everything scaled up with the page; its type is the largest that fits."""
    paper = PAPER[design.paper]
    size = LARGE[design.paper] if large else paper
    ratio = min(size[0] / paper[0], size[1] / paper[1])
    margin = int(MARGIN * ratio)
    width = size[0] - 2 * margin
    room = (size[1] - 2 * margin) * FULL
    scale = ratio * next((g for g in GROW if _poster_height(sheet, ratio * g, width) <= room), 1)
    pt = _poster_pt(sheet, scale, width)
    doc = open_document(design)
    set_page(doc, sheet.footer, design, size, margin)
    styles = set_styles(doc, design, pt["body"])
    doc.styles["Footer"].font.size = Pt(POSTER_PT["footer"] * ratio)
    credit(doc, CREDIT_PT * ratio)
    strip = _strip(design.theme.colours["help"], scale)
    _steps(doc, styles, sheet, design, pt, strip, width)
    _paragraph(doc, sheet.never_your_fault, pt["step"], bold=True, before=pt["step"] / 2, after=pt["step"] / 2)
    _services(doc, styles, sheet, pt, strip.colour, *_columns(width, scale))
    return finish(doc, f"Poster: {sheet.heading}", design)


@dataclass(frozen=True)
class _Strip:
    """How the poster's steps are set: one a row, its icon in white on a cell of *colour*."""

    colour: str
    step_pt: float
    icon: int           # EMU, as are pad and gap
    pad: int
    gap: int

    def side(self, steps) -> int:
        """Return the width of the icon column: the widest icon, padded."""
        return int(self.icon * max(aspect(c.icon) for c in steps)) + 4 * self.pad


def _strip(colour: str, scale: float) -> _Strip:
    """Return the poster's strip at *scale*: icons 8mm tall on A4."""
    return _Strip(colour, POSTER_PT["step"] * scale, Mm(8 * scale), Mm(1 * scale), Mm(1.5 * scale))


def _steps(doc, styles, sheet: Sheet, design: Design, pt: dict, strip: _Strip, width: int) -> None:
    """Add the steps as a strip under the title, one a row: its icon on the coloured left, its
    numbered title on the right. The title is the table's header row."""
    side = strip.side(sheet.steps)
    table = grid.table(doc, 2 * len(sheet.steps), [side, width - side])
    head = table.rows[0].cells[0].merge(table.rows[0].cells[1])
    grid.header(table.rows[0])
    _title(head, styles, sheet.heading, design, pt["title"])
    num_id = new_list(doc)
    for n, step in enumerate(sheet.steps):
        row = table.rows[2 * n + 1]
        grid.height(row, strip.icon + 2 * strip.pad)
        icon, text = row.cells
        grid.shade(icon, strip.colour)
        grid.borders(icon, strip.colour, edges=("top", "left", "bottom"))
        grid.borders(text, strip.colour, edges=("top", "bottom", "right"))
        grid.margins(icon, strip.pad, strip.pad, strip.pad, strip.pad)
        grid.margins(text, strip.pad, 3 * strip.pad, strip.pad, strip.pad)     # clear of the icon's colour
        for cell in row.cells:
            grid.middle(cell)
        icon.paragraphs[0].paragraph_format.space_after = Pt(0)
        add_icon(icon.paragraphs[0], step.icon, "FFFFFF", strip.icon, step.alt)
        title = _paragraph(text, step.title, strip.step_pt, bold=True, first=True, after=0)
        numbered(title, num_id)
        mark(title, strip.step_pt)
        if n < len(sheet.steps) - 1:
            grid.height(table.rows[2 * n + 2], strip.gap, exact=True)
    _spacer(doc)


def _title(cell, styles, text: str, design: Design, size_pt: float) -> None:
    """Fill *cell* with the sheet's title, as its Heading 1: white on the band's help colour, or,
    in a theme whose header is a rule, in that colour over a rule."""
    colour = design.theme.colours["help"]
    ruled = design.theme.header == "rule"
    if ruled:
        grid.borders(cell, colour, 3, edges=("bottom",))
    else:
        grid.shade(cell, colour)
    grid.margins(cell, Pt(size_pt / 5), 0 if ruled else Pt(size_pt / 4), Pt(size_pt / 5), 0)
    _paragraph(cell, text, size_pt, bold=True, style=styles["Heading 1"], colour=colour if ruled else "FFFFFF",
               first=True, after=0)


def _services(doc, styles, sheet: Sheet, pt: dict, colour: str, column: int, gap: int) -> None:
    """Add where to get help: its heading and the school's lead heading a table of the services,
    two to a row, each by a bar of colour: its name and, in bold, its contact, on one line if
    they fit, else the contact under the name."""
    size = pt["body"]
    table = grid.table(doc, 1 + (len(sheet.services) + 1) // 2, [column, gap, column])
    head = table.rows[0].cells[0].merge(table.rows[0].cells[2])
    grid.header(table.rows[0])
    grid.margins(head, 0, 0, Mm(1), 0)
    _paragraph(head, sheet.help_heading, pt["heading"], bold=True, style=styles["Heading 2"], colour=colour,
               first=True, after=pt["heading"] / 4)
    _paragraph(head, sheet.dsl, size)
    for n, (name, reach) in enumerate(sheet.services):
        cell = table.rows[1 + n // 2].cells[2 * (n % 2)]
        grid.borders(cell, colour, 3, edges=("left",))
        grid.margins(cell, Mm(0.5), Mm(3), Mm(0.5), Mm(1))
        if len(_service_lines(name, reach, column - Mm(4), size)) == 1:
            paragraph = _paragraph(cell, f"{name}: ", size, first=True)
            add_text(paragraph, reach, True, None)
            sized(paragraph, size)
        else:
            _paragraph(cell, name, size, first=True, after=0)
            _paragraph(cell, reach, size, bold=True)
    _spacer(doc)


def _columns(width: int, scale: float) -> tuple[int, int]:
    """Return the width of each of the poster's two columns of services, and the gap between them."""
    gap = int(SERVICE_GAP * scale)
    return (width - gap) // 2, gap


def _poster_pt(sheet: Sheet, scale: float, width: int) -> dict[str, float]:
    """Return the poster's type sizes at *scale*, its title no larger than fits on one line."""
    pt = {role: value * scale for role, value in POSTER_PT.items()}
    one_line = width / 12700 / (len(sheet.heading) * BOLD_WIDTH)
    pt["title"] = max(min(pt["title"], one_line), POSTER_PT["title"] * min(scale, 1))
    return pt


def _poster_height(sheet: Sheet, scale: float, width: int) -> float:
    """Return an estimate of the height (EMU) of the poster's content at *scale*."""
    pt = _poster_pt(sheet, scale, width)
    strip = _strip("000000", scale)

    def tall(text, size, across, bold=False):
        return _lines(text, across / 12700, size, bold) * size * LINE_SPACING

    title = tall(sheet.heading, pt["title"], width, True) + pt["title"] * 0.4
    text = width - strip.side(sheet.steps) - 4 * strip.pad
    steps = sum(max(strip.icon / 12700 + pt["step"] / 4, tall(f"1. {c.title}", pt["step"], text, True))
                + 2 * strip.pad / 12700 for c in sheet.steps) + (len(sheet.steps) - 1) * strip.gap / 12700
    fault = pt["step"] + tall(sheet.never_your_fault, pt["step"], width, True)
    heading = tall(sheet.help_heading, pt["heading"], width, True) + pt["heading"] / 4
    dsl = tall(sheet.dsl, pt["body"], width) + pt["body"] / 4
    column, _ = _columns(width, scale)
    each = [sum(tall(t, pt["body"], column - Mm(4), True) for t in _service_lines(name, reach, column - Mm(4), pt["body"]))
            + pt["body"] / 4 + 6 for name, reach in sheet.services]
    services = sum(max(each[n:n + 2]) for n in range(0, len(each), 2))
    return (title + steps + fault + heading + dsl + services) * 12700


def _service_lines(name: str, reach: str, across: int, size_pt: float) -> list[str]:
    """Return the lines a service is set in: "name: contact" if it fits on one, else name and contact."""
    one = f"{name}: {reach}"
    return [one] if _lines(one, across / 12700, size_pt, bold=True) == 1 else [name, reach]


def _lines(text: str, across_pt: float, size_pt: float, bold: bool = False) -> int:
    """Return how many lines *text* takes *across_pt* wide in Arial at *size_pt*: a close
    estimate (textfit's is on the safe side, for slides)."""
    per_line = max(1, int(across_pt / (size_pt * (BOLD_WIDTH if bold else WIDTH))))
    return max(1, len(textwrap.wrap(text, per_line)))


def _spacer(doc) -> None:
    spacer = doc.add_paragraph().paragraph_format      # Word needs a paragraph after a table; keep it tiny
    spacer.space_after, spacer.line_spacing = Pt(0), Pt(1)


def render_pocket_card(sheet: Sheet, design: Design) -> bytes:
    """Return the DOCX of *sheet* as folding pocket cards, as many to a sheet of the design's paper
    as fit, each a front and back panel side by side: cut along the dashed lines, fold on the dotted."""
    size = PAPER[design.paper]
    top, bottom, footer = SHEET_MARGINS
    copies = (size[1] - top - bottom - Mm(3)) // PANEL[1]
    front = [(f"1. {c.title}", True) for c in sheet.steps] + [(sheet.never_your_fault, True)]
    back = [(sheet.dsl_simple, False)] + [(f"{name}: {reach}", False) for name, reach in sheet.services]
    front_pt, back_pt = _card_pt(front), _card_pt(back)
    doc = open_document(design)
    set_page(doc, f"{sheet.footer} | {sheet.cut_note}", design, size, (size[0] - 2 * PANEL[0]) // 2)
    for section in doc.sections:
        section.top_margin, section.bottom_margin, section.footer_distance = top, bottom, footer
    styles = set_styles(doc, design, back_pt)
    doc.styles["Footer"].font.size = Pt(FOOTER_PT)
    credit(doc, CREDIT_PT)
    table = grid.table(doc, copies, [PANEL[0], PANEL[0]])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.lines(table, {"top": "dashed", "left": "dashed", "bottom": "dashed", "right": "dashed",
                       "insideH": "dashed", "insideV": "dotted"})
    grid.header(table.rows[0])        # the first card heads the table, so a PDF reader finds its header cells
    for row in table.rows:
        grid.height(row, PANEL[1])
        for cell in row.cells:
            grid.margins(cell, PANEL_PAD[0], PANEL_PAD[1], PANEL_PAD[0], PANEL_PAD[1])
        _front(row.cells[0], sheet, design, styles, front_pt)
        _back(row.cells[1], sheet, design, styles, back_pt)
    _spacer(doc)
    return finish(doc, f"Pocket card: {sheet.heading}", design)


def _card_pt(texts: list[tuple[str, bool]]) -> float:
    """Return the largest text size at which a panel's heading and paragraphs, each (text, bold),
    fit (else the smallest)."""
    across = (PANEL[0] - 2 * PANEL_PAD[1]) / 12700
    room = (PANEL[1] - 2 * PANEL_PAD[0]) / 12700 - CARD_HEADING_PT * (LINE_SPACING + 0.5)

    def tall(pt):
        return sum(_lines(text, across, pt, bold) * pt * LINE_SPACING + pt / 4 for text, bold in texts)

    return next((pt for pt in CARD_PT if tall(pt) <= room), CARD_PT[-1])


def _front(cell, sheet: Sheet, design: Design, styles, pt: float) -> None:
    """Fill a card's front: the heading, the numbered steps with their icons, never your fault."""
    colour = design.theme.colours["help"]
    _paragraph(cell, sheet.heading, CARD_HEADING_PT, bold=True, style=styles["Heading 1"], colour=colour,
               first=True, after=CARD_HEADING_PT / 3)
    num_id = new_list(cell.part.document)
    for step in sheet.steps:
        _step(cell, step, num_id, colour, pt)
    _paragraph(cell, sheet.never_your_fault, pt, bold=True, before=pt / 4)


def _back(cell, sheet: Sheet, design: Design, styles, pt: float) -> None:
    """Fill a card's back: where to get help, the school's lead and each service's contact."""
    colour = design.theme.colours["help"]
    _paragraph(cell, sheet.help_heading, CARD_HEADING_PT, bold=True, style=styles["Heading 2"], colour=colour,
               first=True, after=CARD_HEADING_PT / 3)
    _paragraph(cell, sheet.dsl_simple, pt, after=pt / 4)
    for name, reach in sheet.services:
        paragraph = _paragraph(cell, f"{name}: ", pt, after=0)
        add_text(paragraph, reach, True, None)
        sized(paragraph, pt)


def _step(cell, step: Card, num_id: int, colour: str, size_pt: float) -> None:
    """Add *step* to a card as an item of the list *num_id*: its icon in *colour*, then its title."""
    paragraph = cell.add_paragraph()
    numbered(paragraph, num_id)
    mark(paragraph, size_pt)
    paragraph.paragraph_format.space_after = Pt(size_pt / 4)
    add_icon(paragraph, step.icon, colour, Pt(size_pt), step.alt)
    add_text(paragraph, f" {step.title}", True, None)
    sized(paragraph, size_pt)


def _paragraph(container, text: str, size_pt: float, bold: bool = False, style: str | None = None,
               colour: str = DARK, before: float = 0, after: float | None = None, first: bool = False):
    """Add a paragraph of *text* (its web addresses plain) to a document or cell; *first*: fill a
    cell's empty first paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    if style:
        paragraph._p.style = style
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(size_pt / 4 if after is None else after)
    add_text(paragraph, text, bold or None, None)
    for run in paragraph.runs:
        run.font.size = Pt(size_pt)
        run.font.color.rgb = RGBColor.from_string(colour)
    return paragraph
