"""Each lesson as open JSON: every file matches the published schema (read here with jsonschema,
apart from the gate's reader), holds the deck's slides and quiz, times the whole lesson, names
only its region's services with the dates they were checked, and is the same for the same inputs."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, lesson_files
from jsonschema import Draft202012Validator

from generator import BuildOptions, build
from generator.gate.exports import deck_quiz, read_export
from generator.gate.exports.rules import schema_valid
from generator.gate.inspect import read_deck
from generator.paths import shipped
from generator.render.artefacts import Artefact

ROOT = Path(__file__).parent.parent
SCHEMA = ROOT / "schemas" / "lesson.schema.json"
EXAMPLES = ROOT / "examples"
UK_ONLY = ("Childline", "CEOP", "NSPCC")


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA.read_text("utf-8"))


@pytest.fixture(scope="module")
def uk(tmp_path_factory) -> Path:
    """Return the output folder of a build of every band, with slides, handouts and JSON."""
    out = tmp_path_factory.mktemp("json-uk")
    build(BuildOptions(out=out, formats=["pptx", "docx", "json"], today=TODAY))
    return out


@pytest.fixture(scope="module")
def us(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("json-us")
    build(BuildOptions(out=out, config=EXAMPLES / "us-district.yaml", formats=["pptx", "json"], today=TODAY))
    return out


def lessons(out: Path) -> list[tuple[Path, dict]]:
    found = [(path, json.loads(path.read_text("utf-8"))) for path in lesson_files(out, "lesson.json")]
    assert found, f"no lesson.json in {out}"
    return found


def described(node, where: str = "$") -> list[str]:
    """Return the schema paths of every property (and $defs entry) with no description."""
    missing = []
    if isinstance(node, dict):
        for key in ("properties", "$defs"):
            for name, sub in node.get(key, {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{name}")
        for key, sub in node.items():
            missing += described(sub, f"{where}.{key}")
    elif isinstance(node, list):
        for n, sub in enumerate(node):
            missing += described(sub, f"{where}[{n}]")
    return missing


def test_the_schema_is_a_valid_described_2020_12_schema(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:lessonpack:") and schema["title"] and schema["description"]
    assert described(schema) == []


def test_the_schema_ships_in_the_wheel(schema):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included.get("schemas") == "generator/_data/schemas"
    assert json.loads((shipped("schemas") / "lesson.schema.json").read_text("utf-8")) == schema


def test_every_lesson_json_matches_the_schema(uk, us, schema):
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for path, document in lessons(uk) + lessons(us):
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], path


def test_every_lesson_has_its_json_for_staff(uk):
    manifest = {e["path"]: e for e in json.loads((uk / "manifest.json").read_text())["artefacts"]}
    decks = lesson_files(uk, "slides.pptx")
    assert [p.with_name("lesson.json") for p in decks] == lesson_files(uk, "lesson.json")
    for path, document in lessons(uk):
        entry = manifest[str(path.relative_to(uk))]
        assert (entry["audience"], entry["kind"], entry["format"]) == ("staff", "lesson-data", "json")
        assert [m["id"] for m in document["modules"]] == entry["modules"]
        assert path.parent.name == document["lesson"]["id"] and path.parent.parent.name == document["lesson"]["band"]["id"]


def test_its_slides_are_the_decks(uk):
    for path, document in lessons(uk):
        deck = read_deck(path.with_name("slides.pptx").read_bytes())
        assert [s["number"] for s in document["slides"]] == [s.number for s in deck.slides], path
        assert [s["title"] for s in document["slides"]] == [s.title for s in deck.slides], path
        assert [s["notes"] for s in document["slides"]] == [s.notes for s in deck.slides], path
        assert [s["role"] for s in document["slides"]] == [s.name.partition(" ")[0] for s in deck.slides], path


def test_its_quiz_is_the_decks(uk):
    plain = lambda quiz: [(q.question, tuple(q.options), tuple(q.correct)) for q in quiz]  # noqa: E731
    for path, document in lessons(uk):
        shown = plain(deck_quiz(read_deck(path.with_name("slides.pptx").read_bytes())))
        written = [(q["question"], tuple(q["options"]), (q["correct"],)) for q in document["quiz"]["questions"]]
        assert written == shown, path
        read = read_export("json", path.read_bytes()).quizzes
        assert len(read) == 1 and plain(read[0]) == shown, path


def test_its_quiz_questions_are_oaks_multiple_choice(uk):
    for path, document in lessons(uk):
        for q in document["quiz"]["questions"]:
            assert q["questionType"] == "multiple-choice" and q["hint"] is None, path
            assert q["answers"] == [q["options"][q["correct"]]], path
            assert q["distractors"] == [o for n, o in enumerate(q["options"]) if n != q["correct"]], path


def test_its_parts_time_the_whole_lesson_and_cover_every_slide(uk):
    for path, document in lessons(uk):
        parts = document["parts"]
        assert sum(p["minutes"] for p in parts) == document["lesson"]["minutes"], path
        covered = [n for p in parts if p["slides"] for n in range(p["slides"]["first"], p["slides"]["last"] + 1)]
        assert covered == [s["number"] for s in document["slides"]], path
        segments = {m["segment"] for m in document["modules"] if m["audience"] == "students"}
        assert {p["segment"] for p in parts} - {0} <= segments, path


def test_it_names_only_its_regions_services_with_their_dates(us):
    region = yaml.safe_load((shipped("lessons") / "services" / "us.yaml").read_text("utf-8"))
    verified = {s["id"]: s["verified"] for s in region["services"]}
    for path, document in lessons(us):
        assert document["lesson"]["region"]["code"] == "US" and document["lesson"]["language"] == "en-US"
        assert {s["id"] for s in document["services"]} <= set(verified), path
        assert any("students" in s["shown_to"] for s in document["services"]), path
        for service in document["services"]:
            assert dt.date.fromisoformat(service["verified"]) == verified[service["id"]], path
        text = path.read_text("utf-8")
        assert not [name for name in UK_ONLY if re.search(rf"\b{name}\b", text)], path


def test_the_same_inputs_give_the_same_bytes(uk, tmp_path):
    build(BuildOptions(out=tmp_path, formats=["json"], bands=["11-14"], today=TODAY))
    again = lesson_files(tmp_path, "lesson.json")
    assert again
    for path in again:
        data = path.read_bytes()
        assert data == (uk / path.relative_to(tmp_path)).read_bytes(), path
        assert data.endswith(b"}\n") and data.decode("utf-8") == json.dumps(json.loads(data), indent=2,
                                                                             ensure_ascii=False) + "\n"


def test_the_gate_reads_its_texts_and_help(uk):
    path, document = lessons(uk)[0]
    facts = read_export("json", path.read_bytes())
    places = {where for where, _ in facts.texts}
    assert {f"slide {s['number']}" for s in document["slides"]} <= places
    assert {f"slide {s['number']} notes" for s in document["slides"] if s["notes"]} <= places
    assert {f"service {s['id']}" for s in document["services"]} <= places
    pupils = [s for s in document["services"] if "students" in s["shown_to"]]
    assert all(s["name"] in facts.help for s in pupils) and pupils


def test_the_schema_rule_reports_each_mismatch_on_one_line(uk):
    path, document = lessons(uk)[0]
    artefact = lambda data: Artefact("11-14/x/lesson.json", "11-14", "x", "staff", "lesson-data", "json", (), data)  # noqa: E731
    assert schema_valid(artefact(path.read_bytes())) == []
    broken = json.loads(json.dumps(document))
    broken["quiz"]["questions"][0]["correct"] = "B"
    del broken["services"][0]["verified"]
    broken["slides"][0]["colour"] = "red"
    problems = schema_valid(artefact(json.dumps(broken).encode()))
    assert {p.field for p in problems} == {"quiz.questions[0].correct", "services[0]", "slides[0]"}
    assert all("\n" not in str(p) and p.rule == "exports" and p.severity == "error" for p in problems)
    assert read_export("json", json.dumps(broken).encode()).quizzes == ()
    assert [p.message[:11] for p in schema_valid(artefact(b"{not json"))] == ["is not JSON"]
