"""Colour contrast (WCAG 2.x relative luminance), so text stays readable on its background."""

from __future__ import annotations

import colorsys
import functools

MIN_CONTRAST = 4.5
DARK, LIGHT = "1A1A1A", "FFFFFF"


@functools.lru_cache(maxsize=4096)      # the gate asks about the same few colours for every run
def luminance(hex_colour: str) -> float:
    """Return the WCAG relative luminance of a six-digit hex colour."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Return the contrast ratio between two hex colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@functools.lru_cache(maxsize=4096)
def grey(hex_colour: str) -> str:
    """Return the grey a black-and-white printer makes of *hex_colour* (Rec. 601 luma)."""
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    level = round(0.299 * r + 0.587 * g + 0.114 * b)
    return f"{level:02X}" * 3


@functools.lru_cache(maxsize=4096)
def hue_family(hex_colour: str) -> str | None:
    """Return "red" or "green" for a clearly red or green colour, else None."""
    value = hex_colour.lstrip("#")
    hue, lightness, saturation = colorsys.rgb_to_hls(*(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    if saturation < 0.3 or not 0.15 < lightness < 0.9:
        return None
    degrees = hue * 360
    return "red" if degrees < 20 or degrees > 340 else "green" if 80 <= degrees <= 160 else None


def text_on(background: str) -> str:
    """Return white or near-black, whichever reads better on *background*."""
    return LIGHT if contrast(LIGHT, background) >= contrast(DARK, background) else DARK
