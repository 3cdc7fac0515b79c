"""Estimate how much room text takes on a slide, so long content continues on a new slide.

python-pptx never shrinks text, so every box is filled only with what measurably fits.
Widths use a conservative average glyph width for Arial / Liberation Sans (metric twins).
"""

from __future__ import annotations

import functools
import textwrap

EM_RATIO = 0.56          # average glyph width as a fraction of the font size, with margin
BOLD_RATIO = 0.61
LINE_SPACING = 1.2


def chars_per_line(width_in: float, size_pt: float, bold: bool = False) -> int:
    """Return how many characters of *size_pt* text fit across *width_in* inches."""
    return max(8, int(width_in * 72 / (size_pt * (BOLD_RATIO if bold else EM_RATIO))))


def text_width_in(text: str, size_pt: float) -> float:
    """Return the estimated width in inches of *text* set on one line."""
    return len(text) * size_pt * EM_RATIO / 72


@functools.lru_cache(maxsize=65536)     # the composer measures the same items many times over
def line_count(text: str, width_in: float, size_pt: float, bold: bool = False) -> int:
    """Return the number of lines *text* wraps to in a box *width_in* wide."""
    width = chars_per_line(width_in, size_pt, bold)
    return max(1, len(textwrap.wrap(text, width, break_long_words=True)))


def height_in(lines: int, size_pt: float) -> float:
    """Return the height in inches of *lines* lines of *size_pt* text."""
    return lines * size_pt * LINE_SPACING / 72


def paginate(items: list, cost, budget: float) -> list[list]:
    """Split *items* into as few pages as fit *budget*, as evenly filled as possible."""
    pages = _fill(items, cost, budget)
    total = sum(cost(item) for item in items)
    steps = 20
    for step in range(steps):
        even = total / len(pages) + (budget - total / len(pages)) * step / steps
        balanced = _fill(items, cost, even)
        if len(balanced) == len(pages):
            return balanced
    return pages


def _fill(items: list, cost, budget: float) -> list[list]:
    """Split *items* greedily into pages whose summed *cost* stays within *budget*."""
    pages, page, used = [], [], 0.0
    for item in items:
        need = cost(item)
        if page and used + need > budget:
            pages.append(page)
            page, used = [], 0.0
        page.append(item)
        used += need
    if page:
        pages.append(page)
    return pages
