"""Read the facts the gate checks straight from built exports (cartridges, quiz files, JSON), as
an LMS or quiz app would import them: every text a reader sees, located; each quiz as the file
asks it; the help page; and which files a learner can open."""

from __future__ import annotations

from . import cartridge, gift, lesson_json, moodle, sheets
from .facts import ExportFacts, QuizFacts, deck_quiz

READERS = {
    "moodle-xml": moodle.read_moodle_xml,
    "gift": gift.read_gift,
    "imscc": cartridge.read_cartridge,
    "json": lesson_json.read_lesson_json,
    "kahoot": sheets.read_kahoot,
    "wayground": sheets.read_wayground,
    "blooket": sheets.read_blooket,
}


def read_export(fmt: str, data: bytes) -> ExportFacts:
    """Return the facts of an export of format *fmt*."""
    return READERS[fmt](data)


__all__ = ["ExportFacts", "QuizFacts", "deck_quiz", "read_export"]
