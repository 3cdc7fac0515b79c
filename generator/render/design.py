"""The look of a pack: base templates, colours, logo, language and paper."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..colour import DARK, MIN_CONTRAST, contrast, grey, text_on
from ..paths import shipped
from ..plan import BandPack
from .theme import Theme, design_file


@dataclass(frozen=True)
class Design:
    """Everything renderers need besides content."""

    slides_template: Path
    documents_template: Path
    primary: str
    accent: str
    logo: Path | None
    school: str
    language: str
    paper: str
    when: dt.datetime
    theme: Theme

    @property
    def shipped_slides(self) -> bool:
        """Return whether the deck uses the shipped template, which the band's theme dresses."""
        return self.slides_template == shipped("templates") / "base-slides.pptx"

    @property
    def title_text(self) -> str:
        """Return the colour of text on the primary colour."""
        return text_on(self.primary)

    @property
    def primary_text_on_white(self) -> str:
        """Return the primary colour if it is readable on white, else near-black."""
        return _readable(self.primary)

    @property
    def accent_text_on_white(self) -> str:
        """Return the accent colour if it is readable on white, else near-black."""
        return _readable(self.accent)


def _readable(colour: str) -> str:
    """Return *colour* if text in it reads on white, in colour and in greyscale, else near-black."""
    ok = min(contrast(colour, "FFFFFF"), contrast(grey(colour), "FFFFFF")) >= MIN_CONTRAST
    return colour if ok else DARK


def design_for(pack: BandPack, when: dt.datetime, paper: str | None = None) -> Design:
    """Return the design of *pack*, from its school config and region."""
    school = pack.school
    config = school.config
    return Design(
        slides_template=school.path(config.templates.slides) or shipped("templates") / "base-slides.pptx",
        documents_template=school.path(config.templates.documents) or shipped("templates") / "base-document.docx",
        primary=config.branding.primary.lstrip("#").upper(),
        accent=config.branding.accent.lstrip("#").upper(),
        logo=school.path(config.branding.logo),
        school=config.school or "",
        language=pack.region.language,
        paper=paper or config.paper or pack.region.paper,
        when=when,
        theme=design_file().theme(pack.band.content_band),
    )
