"""Make office files byte-identical across builds: fixed zip timestamps and document dates."""

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


def normalise_zip(data: bytes) -> bytes:
    """Return *data* (a zip) rewritten with fixed timestamps and permissions, entries in order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
