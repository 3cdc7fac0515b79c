"""The look of a pack: base templates, colours, logo, language and paper."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..paths import shipped
from ..plan.packs import BandPack
from .colour import DARK, MIN_CONTRAST, contrast, grey, text_on
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


def colour_changes(primary: str, accent: str) -> dict[str, list[str]]:
    """Return, for "primary" and "accent", what the packs change about a school colour for
    contrast (none when it reads as it is): the words a safeguarding lead sees beside the field."""
    out = {"primary": [], "accent": []}
    primary, accent = primary.lstrip("#").upper(), accent.lstrip("#").upper()
    if text_on(primary) == DARK:
        out["primary"].append(f"white text on #{primary} is only {contrast('FFFFFF', primary):.1f}:1 (4.5:1 is the "
                              f"minimum), so text on it will be near-black #{DARK}")
    for name, colour, use in (("primary", primary, "headings"), ("accent", accent, "links and subheadings")):
        if _readable(colour) == DARK:
            ratio = min(contrast(colour, "FFFFFF"), contrast(grey(colour), "FFFFFF"))
            out[name].append(f"as text on white #{colour} is only {ratio:.1f}:1 (in colour or printed in grey), so "
                             f"{use} will be near-black #{DARK} instead")
    return out
