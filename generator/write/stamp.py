"""Make office files byte-identical across builds, with honest metadata: fixed zip timestamps and
document dates, and the application and counts lessonpack made rather than the template's."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

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


RELS = "application/vnd.openxmlformats-package.relationships+xml"
DEFAULT_TYPES = {"xml": "application/xml", "png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
                 "gif": "image/gif"}     # parts of these types are covered by one Default entry


def package_zip(package, app: bytes, thumbnail: bytes | None = None) -> bytes:
    """Return the file of an open python-docx or python-pptx *package*, its parts serialised by the
    library and zipped once with fixed timestamps; docProps/app.xml and docProps/thumbnail.jpeg
    replaced by *app* and *thumbnail* when given. (The libraries' own save would compress every
    part at the slowest level, with the time of day.)"""
    rels = package.rels if hasattr(package, "rels") else package._rels   # python-pptx keeps them private
    parts = list(package.iter_parts())
    entries = {"[Content_Types].xml": _content_types(parts), "_rels/.rels": rels.xml}
    for part in parts:
        name = part.partname.membername
        entries[name] = {"docProps/app.xml": app, "docProps/thumbnail.jpeg": thumbnail}.get(name) or part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return zip_entries(entries.items())


def _content_types(parts) -> bytes:
    """Return [Content_Types].xml for *parts*: a Default per extension of a common type, an
    Override for every other part."""
    defaults = {"rels": RELS} | {p.partname.ext: p.content_type for p in parts
                                 if DEFAULT_TYPES.get(p.partname.ext) == p.content_type}
    entries = [f"<Default Extension={quoteattr(ext)} ContentType={quoteattr(kind)}/>" for ext, kind in sorted(defaults.items())]
    entries += [f"<Override PartName={quoteattr(str(p.partname))} ContentType={quoteattr(p.content_type)}/>"
                for p in sorted(parts, key=lambda p: str(p.partname)) if defaults.get(p.partname.ext) != p.content_type]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org'
            f'/package/2006/content-types">{"".join(entries)}</Types>').encode()


def zip_entries(entries) -> bytes:
    """Return a zip of *entries* (name, bytes), in order, with fixed timestamps and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, body in entries:
            entry = zipfile.ZipInfo(name, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body, compresslevel=1)     # fast; the files are a few per cent larger
    return out.getvalue()


def zip_folder(folder: Path) -> bytes:
    """Return a zip of every file under *folder* (named relative to it, sorted), with fixed
    timestamps: the same folder gives the same bytes."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return zip_entries((p.relative_to(folder).as_posix(), p.read_bytes()) for p in files)
