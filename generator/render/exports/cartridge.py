"""A band's lessons as one IMS Common Cartridge 1.1 (Moodle, Canvas, Blackboard and Schoology
import it)."""

from __future__ import annotations

from dataclasses import dataclass

from ...plan.packs import Lesson
from .quiz import LessonQuiz


@dataclass(frozen=True)
class CartridgeFile:
    """A built file of a lesson, as the cartridge carries it."""

    name: str          # its file name in the lesson's folder: "slides.pptx"
    title: str         # what the LMS lists it as: "Slides", "Handout (large print)"
    data: bytes
    staff: bool        # for instructors only (teacher notes)


@dataclass(frozen=True)
class CartridgeLesson:
    """One lesson, as a module of the cartridge."""

    lesson: Lesson
    quiz: LessonQuiz
    files: tuple[CartridgeFile, ...]


def render_cartridge(pack, lessons: tuple[CartridgeLesson, ...]) -> bytes:
    raise NotImplementedError("to be written")
