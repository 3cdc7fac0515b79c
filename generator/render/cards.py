"""Cards: a list laid out as rows of cards, each a coloured title bar (its icon and numbered title,
in white) over the card's detail. Each row of cards is a small table whose header row is the
title bars; Word numbers the titles as one list, in reading order."""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.run import Run

from . import grid
from .numbering import new_list, numbered
from .runs import add_icon, add_text

MIN_CHARS = 16          # the narrowest card holds this many bold characters of its title on a line
WIDTH_RATIO = 0.61      # a bold character's width over its size (Arial)
ICON = 0.9              # an icon's height, over its title's size: no taller than its capitals and ascenders
ICON_ALONE = 1.5        # ... on a card of a title alone (the easy-read handout's), larger


@dataclass(frozen=True)
class Card:
    """One card: its title (bold, numbered), optional detail and icon (alt text, or "" for decorative)."""

    title: str
    detail: str = ""
    icon: str | None = None
    alt: str = ""


@dataclass(frozen=True)
class CardLook:
    """How cards are set: the title bars' colour (their text and icons white), text sizes and gaps."""

    colour: str
    title_pt: float
    detail_pt: float
    links: tuple | None = None  # (colour, underlined) of web links, as documents set them
    gap: int = Mm(2)
    pad: int = Mm(1)            # inside each cell


def add_cards(doc, cards: list[Card], look: CardLook, width: int, start: int = 1) -> None:
    """Add *cards* to *doc* in rows *width* (EMU) wide, as many to a row as fit and the rows as
    even as they can be (a shorter last row as wide as the others), each card as wide as its
    share of the row's words, so the cards of a row end level; numbered from *start*."""
    columns = _columns(len(cards), width, look)
    num_id = new_list(doc, start)
    for first in range(0, len(cards), columns):
        if first:
            gap = doc.add_paragraph().paragraph_format      # tables side by side would merge
            gap.space_after, gap.line_spacing = Pt(0), look.gap
        row = cards[first:first + columns]
        widths = _widths(row, width - (len(row) - 1) * look.gap, look)
        table = grid.table(doc, 2 if any(c.detail for c in row) else 1,
                           [w for n, card in enumerate(widths) for w in ((look.gap, card) if n else (card,))])
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.header(table.rows[0])
        for part in table.rows:
            grid.unbroken(part)
        for n, item in enumerate(row):
            title_cell(table.rows[0].cells[2 * n], item, look, num_id)
            if len(table.rows) > 1:
                detail_cell(table.rows[1].cells[2 * n], item, look)


def _widths(row: list[Card], width: int, look: CardLook) -> list[int]:
    """Return the widths of a row's cards, sharing *width* in proportion to their words, none
    much narrower than the narrowest card a row may have."""
    narrowest = int(Pt(MIN_CHARS * look.title_pt * WIDTH_RATIO)) * 2 // 3
    words = [2 * len(c.title) + len(c.detail) for c in row]      # a title that wraps costs the whole row a line
    spare = width - narrowest * len(row)
    return [narrowest + spare * n // sum(words) for n in words]


def _columns(count: int, width: int, look: CardLook) -> int:
    """Return how many cards go in a row: as many as fit, then as few as keep the rows even."""
    narrowest = int(Pt(MIN_CHARS * look.title_pt * WIDTH_RATIO))
    fit = max(1, min(count, (width + look.gap) // (narrowest + look.gap)))
    return math.ceil(count / math.ceil(count / fit))


def title_cell(cell, card: Card, look: CardLook, num_id: int) -> None:
    """Fill *cell* with *card*'s title bar: its number (an item of the list *num_id*), icon and
    title, in white on the look's colour."""
    grid.shade(cell, look.colour)
    grid.borders(cell, look.colour, edges=("top", "left", "bottom", "right"))
    grid.margins(cell, look.pad, look.pad, look.pad, look.pad)
    title = cell.paragraphs[0]
    numbered(title, num_id)
    title.paragraph_format.space_after = Pt(0)
    title.paragraph_format.keep_with_next = True
    mark(title, look.title_pt, "FFFFFF")
    if card.icon:
        add_icon(title, card.icon, "FFFFFF", Pt((ICON if card.detail else ICON_ALONE) * look.title_pt), card.alt)
        add_text(title, " ", True, None)
    add_text(title, card.title, True, None)
    sized(title, look.title_pt, "FFFFFF")


def detail_cell(cell, card: Card, look: CardLook) -> None:
    """Fill *cell* with *card*'s detail, in a frame of the look's colour."""
    grid.borders(cell, look.colour, edges=("left", "bottom", "right"))
    grid.margins(cell, look.pad, look.pad, look.pad, look.pad)
    detail = cell.paragraphs[0]
    detail.paragraph_format.space_after = Pt(0)
    add_text(detail, card.detail, None, look.links)
    sized(detail, look.detail_pt)


def sized(paragraph, size_pt: float, colour: str | None = None) -> None:
    """Set every run of *paragraph*, links' included, in *size_pt* (and *colour*)."""
    for r in paragraph._p.iter(qn("w:r")):
        font = Run(r, paragraph).font
        font.size = Pt(size_pt)
        if colour:
            font.color.rgb = RGBColor.from_string(colour)


def mark(paragraph, size_pt: float, colour: str | None = None) -> None:
    """Set the size (and colour) of *paragraph*'s mark, which its list number takes."""
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = OxmlElement("w:rPr")
    if colour:
        color = OxmlElement("w:color")
        color.set(qn("w:val"), colour)
        r_pr.append(color)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(round(size_pt * 2)))
    r_pr.append(size)
    p_pr.append(r_pr)
