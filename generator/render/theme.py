"""The shipped design's themes (templates/design.yaml): each band's look, and each slide
role's layout with its label, icon and colour."""

from __future__ import annotations

import functools
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints, model_validator

from ..errors import ContentError
from ..load.schema import parse
from ..load.yamlsrc import YamlError, load_yaml
from ..model import Icon, Record
from ..paths import shipped
from .colour import MIN_CONTRAST, contrast, grey

FAMILIES = ("story", "talk", "learn", "check", "activity", "help")
LAYOUTS = ("Title", "Section", "Welcome", "Content", "Story", "Chat", "Discuss", "Vote", "Quiz", "Reveal",
           "Activity", "Steps", "Help")


def _white_reads(colour: str) -> str:
    worst = min(contrast(colour, "FFFFFF"), contrast(grey(colour), "FFFFFF"))
    if worst < MIN_CONTRAST:
        raise ValueError(f"white text on {colour} has contrast {worst:.1f}:1; use a darker colour (4.5:1 or more)")
    return colour.upper()


Hex = Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{6}$")]
Strong = Annotated[Hex, AfterValidator(_white_reads)]


class Theme(Record):
    """A band's look: how slide headers are drawn, the page colour and each family's colour."""

    header: Literal["card", "band", "rule"]
    background: Hex
    colours: dict[Literal[FAMILIES], Strong]

    @model_validator(mode="after")
    def _every_family(self):
        missing = [f for f in FAMILIES if f not in self.colours]
        if missing:
            raise ValueError(f"colours has no {', '.join(missing)}")
        return self


class Look(Record):
    """A layout's label, icon and colour family."""

    label: Annotated[str, StringConstraints(min_length=1, max_length=24)]
    icon: Icon
    colour: Literal[FAMILIES]


class DesignFile(Record):
    """templates/design.yaml."""

    bands: dict[str, str]
    themes: dict[str, Theme]
    layouts: dict[Literal[LAYOUTS], Look]
    roles: dict[str, Literal[LAYOUTS]]

    @model_validator(mode="after")
    def _themes_exist(self):
        unknown = sorted(set(self.bands.values()) - set(self.themes))
        if unknown:
            raise ValueError(f"bands name no theme called {', '.join(unknown)}")
        return self

    def theme(self, band_id: str) -> Theme:
        """Return *band_id*'s theme; a band the file does not name gets the first band's."""
        return self.themes[self.bands.get(band_id, next(iter(self.bands.values())))]


@functools.cache
def design_file() -> DesignFile:
    """Return the shipped design file, or raise ContentError naming its problems."""
    path = shipped("templates") / "design.yaml"
    shown = "templates/design.yaml"
    try:
        raw = load_yaml(path, shown)
    except YamlError as e:
        raise ContentError([e.problem]) from None
    record, problems = parse(DesignFile, raw, shown)
    if problems:
        raise ContentError(problems)
    return record
