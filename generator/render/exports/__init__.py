"""Exports: a lesson's quiz and structure in the files other systems import (an LMS's cartridge,
Moodle's quiz formats, quiz apps' spreadsheets, open JSON), each made from the same planned lesson
as its slides."""

from __future__ import annotations

from .gift import render_gift

QUIZ_FILES = {          # format -> (file name in the lesson's folder, renderer of a LessonQuiz)
    "gift": ("quiz-gift.txt", render_gift),
}
