"""The Jinja2 environment for text templates: sandboxed, strict, and Markdown-safe output."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
)
from jinja2.sandbox import SandboxedEnvironment

from ..errors import LessonpackError

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")
_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)


class TemplateProblem(LessonpackError):
    """Raised when a text template is missing, malformed or uses an unknown name."""


def escape_markdown(value) -> str:
    """Return *value* as text that Markdown shows literally (every expression's output)."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


class LocalisedLoader(BaseLoader):
    """Loads templates from the first of several folders, with their own words (not their
    Jinja tags) respelled for the pack's region."""

    def __init__(self, folders: list[Path], respell):
        self.inner = ChoiceLoader([FileSystemLoader(str(f)) for f in folders])
        self.respell = respell

    def list_templates(self):
        return self.inner.list_templates()

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        parts = _TAG.split(source)
        return "".join(p if i % 2 else self.respell(p) for i, p in enumerate(parts)), filename, uptodate


def environment(folders: list[Path], respell=lambda text: text) -> SandboxedEnvironment:
    """Return a sandboxed environment loading templates from the first of *folders* that has
    them, their words respelled by *respell*."""
    return SandboxedEnvironment(
        loader=LocalisedLoader(folders, respell),
        undefined=StrictUndefined,
        finalize=escape_markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def compile_all(env: SandboxedEnvironment) -> None:
    """Compile every template *env* can load now (before worker processes fork and share them),
    or raise TemplateProblem."""
    for name in env.list_templates(extensions=["j2"]):
        try:
            env.get_template(name)
        except TemplateError as e:
            raise _problem(e, name) from e


def render_text(env: SandboxedEnvironment, name: str, **context) -> str:
    """Return template *name* rendered with *context*, or raise TemplateProblem."""
    try:
        return env.get_template(name).render(**context)
    except TemplateError as e:
        raise _problem(e, name) from e


def _problem(error: TemplateError, name: str) -> TemplateProblem:
    """Return the one-line problem of a template error, at the template's file and line."""
    line = getattr(error, "lineno", None)
    where = f"{getattr(error, 'filename', None) or name}" + (f":{line}" if line else "")
    return TemplateProblem(f"{where}: template error: {error.message}")
