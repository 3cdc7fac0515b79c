"""Each school folder's status record, OUT/batch-summary.csv gathered from them, and the run's last line."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from .rows import Note

if TYPE_CHECKING:
    from .prepare import Entry
    from .worker import Outcome

STATUS = "batch-status.json"
SUMMARY = "batch-summary.csv"
SUMMARY_COLUMNS = ("row", "school", "folder", "status", "files", "warnings", "errors", "problem")


def read_record(folder: Path) -> dict | None:
    """Return the status record of a school's folder, or None when it has none that can be read."""
    try:
        record = json.loads((folder / STATUS).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def record(entry: Entry, outcome: Outcome) -> list[Note]:
    """Write the status record of a school built (or failed) now, keep a skipped school's; return
    the problems found now."""
    if outcome.status == "skipped":
        return []
    notes = [entry.origins.note(p) for p in outcome.problems] + [Note(m) for m in outcome.messages]
    status = "failed" if outcome.status == "failed" else "ok"
    body = {"fingerprint": entry.task.fingerprint, "status": status, "files": outcome.files,
            "problems": [asdict(n) for n in notes]}
    write_if_changed(entry.task.folder / STATUS, (json.dumps(body, indent=2) + "\n").encode())
    return notes


def write_if_changed(path: Path, data: bytes) -> None:
    """Write *data* to *path* atomically (a reader sees the old file or the new), unless it holds it already."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as temp:
            temp.write(data)
        os.replace(temp.name, path)
    except OSError as e:
        raise OutputError(f"{path}: cannot write it ({e.strerror})") from e


def summary(entries: list[Entry], header: list[Note], out: Path) -> bytes:
    """Return OUT/batch-summary.csv: a line per row, from its problems or its folder's status record."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(SUMMARY_COLUMNS)
    for entry in entries:
        writer.writerow([entry.row.number, entry.school, entry.slug, *_state(entry, header, out)])
    return text.getvalue().encode("utf-8-sig")        # the mark tells Excel it is UTF-8


def _state(entry: Entry, header: list[Note], out: Path) -> list:
    """Return a row's status, files, warnings, errors and first error, as the summary shows them."""
    notes = header + entry.notes
    if notes:
        return ["failed", 0, 0, len(notes), notes[0].short()]
    found = read_record(out / entry.slug)
    if found is None:
        return ["not built", 0, 0, 0, ""]
    if found.get("fingerprint") != entry.task.fingerprint:
        return ["out of date", 0, 0, 0, ""]
    problems = [Note(**p) for p in found.get("problems", [])]
    errors = [p for p in problems if p.severity == "error"]
    return [found.get("status", ""), found.get("files", 0), len(problems) - len(errors), len(errors),
            errors[0].short() if errors else ""]


def summary_line(ok: int, total: int, skipped: int, failed: int, shard: tuple[int, int] | None, path: Path) -> str:
    """Return the run's last line: how many schools were built, skipped and failed, and where the summary is."""
    counts = ", ".join(part for part in (f"{skipped} skipped as up to date" if skipped else "",
                                         f"{failed} failed" if failed else "") if part)
    scope = f" in shard {shard[0]}/{shard[1]}" if shard else ""
    return (f"Built {ok} of {total} school{'' if total == 1 else 's'}{scope}{f' ({counts})' if counts else ''}; "
            f"summary in {path}")
