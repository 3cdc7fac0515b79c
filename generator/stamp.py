"""Make office files byte-identical across builds, with honest metadata: fixed zip timestamps and
document dates, and the application and counts lessonpack made rather than the template's."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def build_time(dates: list[dt.date]) -> dt.datetime:
    """Return the timestamp documents carry: SOURCE_DATE_EPOCH if set, else the newest review date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.combine(max(dates), dt.time())


def set_core_properties(props, title: str, author: str, language: str, when: dt.datetime) -> None:
    """Set a document's metadata to fixed, meaningful values."""
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.language = language
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.comments = ""          # python-pptx writes "generated using python-pptx"


APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
           'formats.org/officeDocument/2006/extended-properties"><Application>lessonpack</Application>{counts}'
           '</Properties>')


def app_properties(slides: int | None = None) -> bytes:
    """Return docProps/app.xml naming lessonpack, with the deck's slide and notes counts."""
    counts = f"<Slides>{slides}</Slides><Notes>{slides}</Notes>" if slides is not None else ""
    return APP_XML.format(counts=counts).encode()


def normalise_zip(data: bytes, app: bytes | None = None, thumbnail: bytes | None = None) -> bytes:
    """Return *data* (a zip) rewritten with fixed timestamps and permissions, entries in order,
    and docProps/app.xml and docProps/thumbnail.jpeg replaced by *app* and *thumbnail* when given."""
    replaced = {"docProps/app.xml": app, "docProps/thumbnail.jpeg": thumbnail}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            body = replaced.get(info.filename) or source.read(info.filename)
            target.writestr(entry, body, compresslevel=1)     # fast; the files are a few per cent larger
    return out.getvalue()
