"""`lessonpack batch`: a trust's or district's schools from one CSV, in parallel and in shards."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.batch import Batch, batch, inputs_hash, prepare_all, read_rows

NAMES = ["Northgate Academy", "Brookfield School", "St Aidan's High School", "Riverside College",
         "Hillside Academy", "Oakwood School", "Castle View School", "Meadowbank Academy",
         "Lakeside High School", "Kingsmead School", "Ashford Academy", "Elmwood School"]
COLOURS = ["1F3864", "006B3F", "7B1E3A", "4B2E83", "0B5394", "12345", "8E3B00", "1B5E20", "2E4057",
           "5D2E46", "004D40", "3E2723"]          # row 7 (the sixth school) has a bad colour
HEADER = "school,dsl_name,dsl_where,primary,default_bands\n"


def trust_csv(dsl_of_first: str = "Mrs Patel") -> str:
    """Return a CSV of twelve schools, one band each; the school on row 7 has a bad colour."""
    lines = [f"{name},{dsl_of_first if i == 0 else f'Ms Lead{i}'},Room {i + 1},{colour},11-14\n"
             for i, (name, colour) in enumerate(zip(NAMES, COLOURS))]
    return HEADER + "".join(lines)


def run(*args):
    """Run `lessonpack batch ARGS`; return click's result."""
    return CliRunner().invoke(batch, [str(a) for a in args], catch_exceptions=False)


def batch_of(table: Path) -> Batch:
    """Return the settings of a default batch of *table* into output/."""
    return Batch(table, table.name, Path("output"), ("pptx", "docx"), False, inputs_hash(("pptx", "docx")))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def summary(out: Path) -> list[dict]:
    with open(out / "batch-summary.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def trust(tmp_path_factory):
    """Return the CSV of twelve schools (saved with a byte-order mark, as Excel does), the folder
    the batch built them into, and the batch's result."""
    folder = tmp_path_factory.mktemp("trust")
    table = folder / "schools.csv"
    table.write_text(trust_csv(), encoding="utf-8-sig")
    out = folder / "whole"
    return table, out, run(table, "--out", out)


def test_a_bad_row_fails_alone_and_the_others_build(trust):
    table, out, result = trust
    assert result.exit_code == 1
    assert (f"{table}: row 7, column primary: '12345' is not in the expected form (a six-digit hex colour, "
            "like 1F3864)\n") in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    assert result.stdout == f"Built 11 of 12 schools (1 failed); summary in {out}/batch-summary.csv\n"
    assert sorted(p.parent.name for p in out.glob("*/manifest.json")) == sorted(
        name for name in (p.name for p in out.iterdir() if p.is_dir()) if name != "oakwood-school")
    rows = summary(out)
    assert [r["row"] for r in rows] == [str(n) for n in range(2, 14)]
    assert [r["status"] for r in rows] == ["ok"] * 5 + ["failed"] + ["ok"] * 6
    assert rows[2]["folder"] == "st-aidans-high-school" and rows[2]["files"] == "18"
    assert rows[5]["errors"] == "1" and rows[5]["problem"].startswith("column primary: '12345'")


def test_shards_together_make_exactly_the_whole(trust, tmp_path):
    table, whole, _ = trust
    out = tmp_path / "sharded"
    codes = [run(table, "--out", out, "--shard", f"{i}/3").exit_code for i in (1, 2, 3)]
    assert codes == [0, 0, 1]                   # row 7 is the sixth row: the third shard's
    assert tree(out) == tree(whole)


def test_a_rerun_skips_every_school_and_a_changed_row_rebuilds_alone(trust, tmp_path):
    table, whole, _ = trust
    out = tmp_path / "out"
    shutil.copytree(whole, out)
    before = mtimes(out)
    result = run(table, "--out", out)
    assert "(11 skipped as up to date, 1 failed)" in result.stdout
    assert mtimes(out) == before
    table.with_name("changed.csv").write_text(trust_csv("Mr Quinn"), encoding="utf-8")
    result = run(table.with_name("changed.csv"), "--out", out)
    assert "Built 11 of 12 schools (10 skipped as up to date, 1 failed)" in result.stdout
    changed = {path.split("/")[0] for path, when in mtimes(out).items() if before[path] != when}
    assert changed == {"northgate-academy"}


def test_a_hand_edited_file_fails_its_school_until_forced(trust, tmp_path):
    table, whole, _ = trust
    out = tmp_path / "out"
    shutil.copytree(whole, out)
    one = table.with_name("one.csv")
    one.write_text(HEADER + trust_csv().splitlines(keepends=True)[1])
    slides = next((out / "northgate-academy").glob("11-14/*/slides.pptx"))
    slides.write_bytes(slides.read_bytes() + b"edited")
    result = run(one, "--out", out)
    assert result.exit_code == 1
    assert f"{one}: row 2: {slides}: changed by hand since lessonpack wrote it; use --force to overwrite it" \
        in result.stderr.splitlines()
    assert run(one, "--out", out, "--force").exit_code == 0
    assert slides.read_bytes() == (whole / slides.relative_to(out)).read_bytes()


@pytest.mark.parametrize("table, message", [
    ("school,dsl_name\nHillside Academy,Ms Okafor,crest.png\n",
     "schools.csv: row 2, column C: 'crest.png' is in a column with no name in row 1; name the column or "
     "clear the cell"),
    ("school,dsl_nmae\nHillside Academy,Ms Okafor\n",
     "schools.csv: row 1, column dsl_nmae: unknown column; did you mean dsl_name? the columns are school, "),
    ("school,dsl_name,logo\nHillside Academy,Ms Okafor,crest.png\n",
     "schools.csv: row 2, column logo: file not found: crest.png; give the path of a PNG or JPEG, relative to "
     "the CSV file, or clear the cell"),
    ("school,dsl_name,config\nHillside Academy,Ms Okafor,hillside.yaml\n",
     "schools.csv: row 2: hillside.yaml:2: lesson_minutes: input should be greater than or equal to 40"),
    ("school,dsl_name,lesson_minutes\nHillside Academy,Ms Okafor,30\n",
     "schools.csv: row 2, column lesson_minutes: input should be greater than or equal to 40; give the lesson "
     "length in minutes, from 40 to 75"),
], ids=["cells-without-a-column", "unknown-column", "missing-logo", "yaml-problem", "bad-value"])
def test_a_bad_row_is_one_line_naming_row_and_column(table, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("hillside.yaml").write_text("# its own settings\nlesson_minutes: 30\n")
    Path("schools.csv").write_text(table)
    result = run("schools.csv")
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)
    assert not list(Path("output").glob("*/manifest.json"))


def test_two_schools_in_one_folder_is_an_error_on_the_second(tmp_path):
    table = tmp_path / "schools.csv"
    table.write_text("school,dsl_name\nHillside Academy,Ms Okafor\nHillside Academy!,Mr Reid\n")
    first, second = prepare_all(read_rows(table, "schools.csv")[1], batch_of(table))
    assert first.notes == [] and first.task.folder == Path("output/hillside-academy")
    assert [n.line("schools.csv", 3) for n in second.notes] == [
        "schools.csv: row 3, column school: 'Hillside Academy!' makes the same folder name, hillside-academy, "
        "as row 2; give each school a different name"]
    assert second.task is None


def test_shard_must_be_one_of_n(tmp_path):
    (tmp_path / "schools.csv").write_text("school\nHillside Academy\n")
    result = run(tmp_path / "schools.csv", "--shard", "4/3")
    assert result.exit_code == 2
    assert "Invalid value for '--shard': '4/3': expected I/N with 1 <= I <= N, such as 2/3" in result.output


def test_a_csv_that_is_not_utf8_is_one_line_from_the_command(tmp_path):
    (tmp_path / "schools.csv").write_bytes("school\nSt Ægidius School\n".encode("cp1252"))
    result = subprocess.run([sys.executable, "-c", "from generator.batch import batch; batch()", "schools.csv"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == 'schools.csv: is not UTF-8 text; save it as "CSV UTF-8"\n'


def test_the_example_trust_is_ready_to_build():
    table = Path(__file__).parent.parent / "examples" / "trust-schools.csv"
    header, rows = read_rows(table, "trust-schools.csv")
    entries = prepare_all(rows, batch_of(table))
    assert header == [] and [e.notes for e in entries] == [[]] * 4
    assert {e.row.cells.get("config") for e in entries} >= {"trust/brookfield.yaml"}
    assert all(e.task is not None for e in entries)


def test_schools_built_in_one_process_read_the_curriculum_once_and_get_the_same_files(tmp_path, monkeypatch):
    from generator import pipeline

    reads = []
    real = pipeline.load_curriculum
    monkeypatch.setattr(pipeline, "load_curriculum", lambda *args: reads.append(args) or real(*args))
    shared, files = {}, {}
    for n in (1, 2):
        config = tmp_path / f"school-{n}.yaml"
        config.write_text(f"school: School {n}\ndsl:\n  name: Ms Lead {n}\n  where: Room {n}\n", "utf-8")
        for cached in (shared, None):
            out = tmp_path / f"out-{n}-{cached is None}"
            pipeline.build(pipeline.BuildOptions(bands=["11-14"], config=config, out=out, workers=1, curricula=cached))
            files[n, cached is None] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(reads) == 1 + 2, "once for both cached schools, and once for each uncached build"
    assert files[1, False] == files[1, True] and files[2, False] == files[2, True]
    assert files[1, False] != files[2, False]
