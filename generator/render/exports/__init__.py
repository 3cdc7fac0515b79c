"""Exports: a lesson's quiz and structure in the files other systems import (an LMS's cartridge,
Moodle's quiz formats, quiz apps' spreadsheets, open JSON), each made from the same planned lesson
as its slides."""

from __future__ import annotations

from .gift import render_gift
from .moodle import render_moodle_xml
from .sheets import render_blooket, render_kahoot, render_wayground

QUIZ_FILES = {          # format -> (file name in the lesson's folder, renderer of a LessonQuiz)
    "moodle-xml": ("quiz-moodle.xml", render_moodle_xml),
    "gift": ("quiz-gift.txt", render_gift),
    "kahoot": ("quiz-kahoot.xlsx", render_kahoot),
    "wayground": ("quiz-wayground.xlsx", render_wayground),
    "blooket": ("quiz-blooket.csv", render_blooket),
}
