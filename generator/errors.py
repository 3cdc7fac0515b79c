"""Problems found in content, configs and output, and the errors that carry them."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as datafield


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located by file, line and field path."""

    file: str
    line: int
    field: str
    message: str
    severity: str = "error"
    rule: str = ""
    quote: str = datafield(default="", compare=False)    # the text at fault, to find where it was written

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = "warning: " if self.severity == "warning" else ""
        field = f" {self.field}:" if self.field else ""
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}:{field}{rule} {label}{self.message}"


class LessonpackError(Exception):
    """Base class: every error lessonpack raises on purpose is one of these."""

    def lines(self) -> list[str]:
        """Return the one-line messages to show the user."""
        return [str(self)]


class ContentError(LessonpackError):
    """Raised when the curriculum or a school config is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)

    def __reduce__(self):
        return type(self), (self.problems,)

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class OutputError(LessonpackError):
    """Raised when the output cannot be written safely: hand-edited files, a bad template, I/O failure."""

    def __init__(self, *messages: str):
        super().__init__(messages[0] if messages else "output error")
        self.messages = list(messages)

    def __reduce__(self):
        return type(self), tuple(self.messages)

    def lines(self) -> list[str]:
        return self.messages


class UsageProblem(LessonpackError):
    """Raised when a command-line choice names something the curriculum does not have."""
