"""The small picture a file browser shows for a built file (docProps/thumbnail.jpeg): the deck's
cover or the document's first page, drawn from its title and colours."""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from .colour import DARK

WIDTH = 256


def thumbnail(title: str, colour: str, background: str = "FFFFFF", slide: bool = True) -> bytes:
    """Return a JPEG of a cover (*slide*, 16:9) or an A4-shaped first page carrying *title*."""
    size = (WIDTH, WIDTH * 9 // 16) if slide else (WIDTH * 3 // 4, WIDTH)
    image = Image.new("RGB", size, f"#{background}")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=15)      # Pillow's own font: the same picture on every machine
    width, height = size
    if slide:
        draw.rectangle((width * 0.82, 0, width, height), fill=f"#{colour}")
        draw.rectangle((14, 30, 50, 32), fill=f"#{colour}")
        lines, left, top = textwrap.wrap(title, 24)[:3], 14, 44
    else:
        draw.rectangle((0, 0, width, 18), fill=f"#{colour}")
        lines, left, top = textwrap.wrap(title, 20)[:3], 12, 30
        for n in range(9):
            y = top + 22 * len(lines) + 12 + n * 14
            draw.rectangle((left, y, width - 12 - (n % 3) * 18, y + 4), fill="#C8C8C8")
    for n, line in enumerate(lines):
        draw.text((left, top + n * 19), line, fill=f"#{DARK}", font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
