"""Icons from Font Awesome Free (solid set, icons under CC BY 4.0), installed as the
`fontawesomefree` package and rendered to PNG in the colour asked for."""

from __future__ import annotations

import functools
import importlib.resources

import resvg_py

ICON_SET = "Font Awesome Free 6.6.0"
CREDIT = "Icons: Font Awesome Free by Fonticons, Inc. (fontawesome.com), CC BY 4.0."
PIXELS = 256            # the longer side of a rendered icon: sharp when projected at 3 inches


def _folder():
    return importlib.resources.files("fontawesomefree") / "static" / "fontawesomefree" / "svgs" / "solid"


@functools.cache
def known() -> frozenset[str]:
    """Return the names of every icon in the set ("comments", "life-ring", ...)."""
    return frozenset(p.name.removesuffix(".svg") for p in _folder().iterdir() if p.name.endswith(".svg"))


@functools.cache
def _svg(name: str) -> tuple[str, float, float]:
    """Return icon *name*'s SVG markup, width and height."""
    svg = (_folder() / f"{name}.svg").read_text(encoding="utf-8")
    _, _, width, height = (float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split())
    return svg, width, height


def aspect(name: str) -> float:
    """Return icon *name*'s width over its height."""
    _, width, height = _svg(name)
    return width / height


@functools.cache
def icon_png(name: str, colour: str) -> bytes:
    """Return icon *name* as PNG bytes, filled with *colour* (hex, no "#"), on a clear background."""
    svg, width, height = _svg(name)
    size = {"width": PIXELS} if width >= height else {"height": PIXELS}
    return bytes(resvg_py.svg_to_bytes(svg_string=svg.replace("<svg ", f'<svg fill="#{colour}" ', 1), **size))
