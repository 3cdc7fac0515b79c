"""The output folder: a manifest of every file, byte-identical rebuilds, hand edits never lost."""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import TODAY

from generator import BuildOptions, build
from generator.errors import ContentError, OutputError


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_manifest_lists_every_file_with_its_hash(built, manifest):
    files = {str(p.relative_to(built)) for p in built.rglob("*") if p.is_file()} - {"manifest.json"}
    assert {e["path"] for e in manifest} == files
    for entry in manifest:
        assert entry["sha256"] == hashlib.sha256((built / entry["path"]).read_bytes()).hexdigest()
    letters = [e for e in manifest if e["kind"] == "parent-letter"]
    assert {(e["band"], e["lesson"], e["audience"]) for e in letters} == {
        (b, None, "parents") for b in ("9-11", "11-14", "14-16", "16-18")}
    notes = next(e for e in manifest if e["kind"] == "teacher-notes")
    assert notes["audience"] == "staff" and "staff-disclosure" in notes["modules"]


def test_two_builds_are_byte_identical(built, tmp_path):
    build(BuildOptions(out=tmp_path, today=TODAY))
    assert snapshot(tmp_path) == snapshot(built)


def test_hand_edited_file_is_not_overwritten_without_force(tmp_path):
    options = BuildOptions(out=tmp_path, bands=["9-11"], today=TODAY)
    build(options)
    letter = tmp_path / "9-11" / "parent-letter.docx"
    letter.write_bytes(letter.read_bytes() + b"edited")
    before = snapshot(tmp_path)
    with pytest.raises(OutputError) as caught:
        build(options)
    assert caught.value.lines() == [
        f"{letter}: changed by hand since lessonpack wrote it; use --force to overwrite it", "nothing was written"]
    assert snapshot(tmp_path) == before
    options.force = True
    build(options)
    assert not letter.read_bytes().endswith(b"edited")


def test_failed_build_leaves_previous_output_untouched(tmp_path, curriculum):
    out = tmp_path / "out"
    build(BuildOptions(out=out, curriculum=curriculum, bands=["9-11"], today=TODAY))
    before = snapshot(out)
    (curriculum / "frame.yaml").write_text("reviewed: 2026-11-24\nbands: {}\n")
    with pytest.raises(ContentError):
        build(BuildOptions(out=out, curriculum=curriculum, bands=["9-11"], today=TODAY))
    assert snapshot(out) == before


def test_rebuilding_one_band_keeps_the_others_in_the_manifest(tmp_path):
    build(BuildOptions(out=tmp_path, bands=["9-11"], today=TODAY))
    build(BuildOptions(out=tmp_path, bands=["11-14"], formats=["docx"], today=TODAY))
    entries = json.loads((tmp_path / "manifest.json").read_text())["artefacts"]
    assert {e["band"] for e in entries} == {"9-11", "11-14"}
    assert not list((tmp_path / "11-14").glob("*/slides.pptx"))
