"""What the web page accepts as an upload: a real, modest PNG or JPEG logo, and a small config."""

from __future__ import annotations

import io
import warnings

from PIL import Image

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096
MAX_CONFIG_BYTES = 256 * 1024
FORMATS = {"PNG": ".png", "JPEG": ".jpg"}


class UploadRefused(ValueError):
    """Raised with a message for the person uploading: what is wrong and what to do."""


def check_logo(data: bytes) -> str:
    """Return the file extension of logo *data* if it is a real PNG or JPEG of a sensible size,
    else raise UploadRefused (decompression bombs are refused before they are decoded)."""
    if len(data) > MAX_LOGO_BYTES:
        raise UploadRefused(f"the logo is {len(data) / 1048576:.1f} MB; use a PNG or JPEG under 2 MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if kind not in FORMATS:
                    raise UploadRefused(f"the logo is a {kind} file; use a PNG or JPEG")
                if width * height > MAX_LOGO_PIXELS:
                    raise UploadRefused(f"the logo is {width} x {height} pixels; use one under 4096 x 4096")
                image.load()           # decodes it all: a truncated or fake file fails here
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused("the logo has far too many pixels; use a PNG or JPEG under 4096 x 4096") from None
    except Exception:         # Pillow raises many kinds for a file that is not a picture
        raise UploadRefused("the logo is not a PNG or JPEG picture; export it as PNG and upload that") from None
    return FORMATS[kind]


def check_config(data: bytes) -> str:
    """Return an uploaded config's text if it is small UTF-8 text, else raise UploadRefused."""
    if len(data) > MAX_CONFIG_BYTES:
        raise UploadRefused("the settings file is over 256 KB; upload the my-school.yaml this page saved")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused("the settings file is not text; upload the my-school.yaml this page saved") from None
