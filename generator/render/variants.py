"""Print variants of pupil documents: standard, large print and dyslexia-friendly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """How a pupil document is set: body size, line spacing, page colour, and the gate's limits."""

    id: str
    body_pt: float              # body text size for a standard handout
    easy_read_pt: float         # body text size for an easy-read handout
    line_spacing: float | None  # a multiple of single spacing; None keeps the style's
    page_colour: str | None     # hex; None leaves the page white
    min_pt: float               # the gate's smallest allowed body text
    max_pt: float | None = None     # the gate's largest allowed body text
    min_spacing: float | None = None   # the gate's smallest allowed line spacing
    no_red_green: bool = False         # the gate refuses red and green text in one document

    @property
    def suffix(self) -> str:
        """Return what the variant adds to file names ("" for standard)."""
        return "" if self.id == "standard" else f"-{self.id}"


VARIANTS = {
    "standard": Variant("standard", 12, 14, None, None, 12),
    # RNIB clear print: 16pt minimum, 18pt preferred, sans serif, no italics or underlining, left aligned.
    "large-print": Variant("large-print", 18, 18, 1.15, None, 16),
    # British Dyslexia Association style guide: sans serif 12-14pt, 1.5 spacing, cream paper.
    "dyslexia": Variant("dyslexia", 13, 14, 1.5, "FFF8E7", 12, 14, 1.5, True),
}
