"""The text of built artefacts as located units, and their help sections, for the gate's rules."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from .exports.facts import ExportFacts
from .inspect import DocFacts

HELP_HEADING = "Where to get help"


@dataclass(frozen=True)
class Unit:
    """A located piece of an artefact's text: a slide, its notes, or a document paragraph."""

    where: str
    text: str
    role: str = ""      # a slide's teaching role ("myth", "reveal", ...); "" for notes and documents


def normalise(text: str) -> str:
    """Return *text* with typographic quotes made plain and whitespace collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


_UNITS = weakref.WeakKeyDictionary()   # facts -> units, so each rule does not re-read the text


def units(artefact) -> list[Unit]:
    """Return every text unit of *artefact* (slides with their notes, or paragraphs)."""
    if artefact.facts not in _UNITS:
        _UNITS[artefact.facts] = _units(artefact.facts)
    return _UNITS[artefact.facts]


def _units(facts) -> list[Unit]:
    if isinstance(facts, ExportFacts):
        return [Unit(where, normalise(text)) for where, text in facts.texts if text.strip()]
    if isinstance(facts, DocFacts):
        return [Unit(f"paragraph {p.number}", normalise(p.text)) for p in facts.paragraphs if p.text.strip()]
    out = []
    for slide in facts.slides:
        out.append(Unit(f"slide {slide.number}", normalise(" ".join([slide.title] + slide.paragraphs)),
                        slide.name.partition(" ")[0]))
        if slide.notes.strip():
            out.append(Unit(f"slide {slide.number} notes", normalise(slide.notes)))
    return out


def pupil_prose(artefact) -> str:
    """Return the prose a pupil reads: slide bodies, or non-table, non-heading paragraphs (an
    export's quiz is graded on its slides)."""
    if isinstance(artefact.facts, ExportFacts):
        return ""
    if isinstance(artefact.facts, DocFacts):
        parts = [p.text for p in artefact.facts.paragraphs
                 if not p.in_table and not p.style.lower().startswith("heading") and p.text.strip()]
    else:
        parts = [text for slide in artefact.facts.slides for text in slide.paragraphs]
    return " ".join(_sentence(normalise(p)) for p in parts)


def _sentence(text: str) -> str:
    """Return *text* ending as a sentence, so bullet points are not counted as one long sentence."""
    return text if text[-1:] in ".!?:" else text + "."


def help_section(artefact) -> str:
    """Return the text of the artefact's "Where to get help" slides or sections ("" if none): a
    document's runs from each such heading (in a table too, as on a pocket card) to the next; an
    export's help page."""
    if isinstance(artefact.facts, ExportFacts):
        return normalise(artefact.facts.help)
    if isinstance(artefact.facts, DocFacts):
        texts, inside = [], False
        for p in artefact.facts.paragraphs:
            if p.style.lower().startswith("heading"):
                inside = p.text.strip() == HELP_HEADING
            elif inside:
                texts.append(p.text)
        return normalise(" ".join(texts))
    slides = artefact.facts.slides
    return normalise(" ".join(" ".join(s.paragraphs) for s in slides if s.title.startswith(HELP_HEADING)))
