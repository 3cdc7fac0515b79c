"""The Jinja2 environment for text templates: sandboxed, strict, and Markdown-safe output."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from .errors import LessonpackError

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


class TemplateProblem(LessonpackError):
    """Raised when a text template is missing, malformed or uses an unknown name."""


def escape_markdown(value) -> str:
    """Return *value* as text that Markdown shows literally (every expression's output)."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def environment(folders: list[Path]) -> SandboxedEnvironment:
    """Return a sandboxed environment loading templates from the first of *folders* that has them."""
    return SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]),
        undefined=StrictUndefined,
        finalize=escape_markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def render_text(env: SandboxedEnvironment, name: str, **context) -> str:
    """Return template *name* rendered with *context*, or raise TemplateProblem."""
    try:
        return env.get_template(name).render(**context)
    except TemplateError as e:
        line = getattr(e, "lineno", None)
        where = f"{getattr(e, 'filename', None) or name}" + (f":{line}" if line else "")
        raise TemplateProblem(f"{where}: template error: {e.message}") from e
