"""`lessonpack build --format imscc`: one IMS Common Cartridge 1.1 per band, valid against the
official CC 1.1 schemas, whose quizzes are the slides' quizzes, whose help names only the region's
services, and which shows learners no teacher notes."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import TODAY
from lxml import etree

from generator import BuildOptions, build
from generator.gate.exports.cartridge import read_cartridge
from generator.gate.exports.facts import deck_quiz
from generator.gate.exports.rules import quiz_matches, staff_hidden
from generator.gate.inspect import read_deck
from generator.paths import shipped
from generator.render.artefacts import Artefact

EXAMPLES = Path(__file__).parent.parent / "examples"
SCHEMAS = Path(__file__).parent / "schemas" / "cc-1.1"
NS = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
      "lomm": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
      "lom": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource",
      "q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2", "h": "http://www.w3.org/1999/xhtml"}
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
UK_ONLY = [r"Childline", r"\bCEOP\b", r"Report Remove", r"\bIWF\b", r"NSPCC", r"\b999\b", r"Shout", r"Samaritans"]


def _build(out: Path, config: str, band: str, formats: list[str]) -> Path:
    build(BuildOptions(out=out, config=EXAMPLES / config, bands=[band], formats=formats, today=TODAY))
    return out


@pytest.fixture(scope="module")
def uk(tmp_path_factory) -> Path:
    """Return the output of a UK 11-14 build of the cartridge and the slides."""
    return _build(tmp_path_factory.mktemp("cc-uk"), "uk-school.yaml", "11-14", ["imscc", "pptx"])


@pytest.fixture(scope="module")
def package(uk) -> zipfile.ZipFile:
    return zipfile.ZipFile(uk / "11-14" / "11-14.imscc")


@pytest.fixture(scope="module")
def manifest(package):
    return etree.fromstring(package.read("imsmanifest.xml"))


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def _resources(manifest) -> dict:
    return {r.get("identifier"): r for r in manifest.iterfind("cp:resources/cp:resource", NS)}


def _instructor_only(resource) -> bool:
    roles = resource.findall("cp:metadata/lom:lom/lom:educational/lom:intendedEndUserRole", NS)
    return [(r.findtext("lom:source", namespaces=NS), r.findtext("lom:value", namespaces=NS)) for r in roles] == \
        [("IMSGLC_CC_Rolesv1p1", "Instructor")]


def _modules(manifest) -> list:
    return manifest.findall("cp:organizations/cp:organization/cp:item/cp:item", NS)


def _pages(package, manifest) -> list:
    return [etree.fromstring(package.read(r.get("href"))) for r in _resources(manifest).values()
            if (r.get("href") or "").endswith(".html")]


def _help(page) -> str:
    """Return the text from the page's "Where to get help" heading to the end."""
    body = page.find("h:body", NS)
    heading = next(h for h in body.iterfind("h:h2", NS) if h.text == "Where to get help")
    return " ".join("".join(n.itertext()) for n in heading.itersiblings())


def test_manifest_is_valid_cc_1_1(manifest, package):
    schema = _schema("ccv1p1_imscp_v1p2_v1p0.xsd")
    assert schema.validate(etree.parse(io.BytesIO(package.read("imsmanifest.xml")))), schema.error_log
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "IMS Common Cartridge"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.1.0"
    general = manifest.find("cp:metadata/lomm:lom/lomm:general", NS)
    assert general.findtext("lomm:language", namespaces=NS) == "en-GB"
    title = general.find("lomm:title/lomm:string", NS)
    assert title.get("language") == "en-GB" and "Ages 11 to 14" in title.text


def test_every_quiz_is_valid_cc_1_1_qti(manifest, package):
    schema = _schema("ccv1p1_qtiasiv1p2p1_v1p0.xsd")
    quizzes = [r for r in _resources(manifest).values() if r.get("type") == ASSESSMENT]
    assert len(quizzes) == len(_modules(manifest)) == 3
    for resource in quizzes:
        assert resource.get("href") is None and len(resource.findall("cp:file", NS)) == 1   # the profile's rule
        qti = etree.parse(io.BytesIO(package.read(resource.find("cp:file", NS).get("href"))))
        assert schema.validate(qti), schema.error_log
        fields = {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
                  for f in qti.iterfind("q:assessment/q:qtimetadata/q:qtimetadatafield", NS)}
        assert fields["cc_profile"] == "cc.exam.v0p1" and fields["cc_maxattempts"] == "unlimited"
        for item in qti.iterfind(".//q:item", NS):
            assert item.findtext(".//q:itemmetadata//q:fieldentry", namespaces=NS) == "cc.multiple_choice.v0p1"
            assert item.find("q:presentation/q:response_lid", NS).get("rcardinality") == "Single"
            labels = [label.get("ident") for label in item.iterfind(".//q:response_label", NS)]
            feedback = {f.get("ident") for f in item.iterfind("q:itemfeedback", NS)}
            assert {f"{label}_fb" for label in labels} <= feedback           # a feedback per answer


def test_every_href_is_in_the_package_and_identifiers_are_unique(manifest, package):
    names = set(package.namelist())
    hrefs = [e.get("href") for e in manifest.iter() if e.get("href")]
    assert hrefs and all(h in names for h in hrefs), sorted(set(hrefs) - names)
    identifiers = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers))
    refs = [e.get("identifierref") for e in manifest.iter() if e.get("identifierref")]
    assert refs and set(refs) <= set(_resources(manifest))
    for resource in _resources(manifest).values():
        if resource.get("href"):
            assert resource.get("href") in [f.get("href") for f in resource.iterfind("cp:file", NS)]


def test_a_module_per_lesson_with_its_slides_handouts_page_quiz_and_notes(manifest, uk):
    modules = _modules(manifest)
    assert [m.findtext("cp:title", namespaces=NS).split(":")[0] for m in modules] == ["Lesson 1", "Lesson 2", "Lesson 3"]
    resources = _resources(manifest)
    for module in modules:
        hrefs = [f.get("href") for item in module.iterfind("cp:item", NS)
                 for f in resources[item.get("identifierref")].iterfind("cp:file", NS)]
        assert {h.rpartition("/")[2] for h in hrefs} == {"key-messages.html", "slides.pptx", "handout.docx",
                                                         "handout-simple.docx", "quiz.xml", "teacher-notes.docx"}
    slides = sorted(uk.glob("11-14/*/slides.pptx"))
    package = zipfile.ZipFile(uk / "11-14" / "11-14.imscc")
    assert slides and all(package.read(f"11-14/{p.parent.name}/slides.pptx") == p.read_bytes() for p in slides)


def test_each_quiz_asks_the_slides_questions_with_their_right_answers(manifest, uk):
    facts = read_cartridge((uk / "11-14" / "11-14.imscc").read_bytes())
    lessons = [m.find("cp:item[@identifierref]", NS) for m in _modules(manifest)]
    folders = [_resources(manifest)[item.get("identifierref")].get("href").split("/")[1] for item in lessons]
    decks = tuple(deck_quiz(read_deck((uk / "11-14" / folder / "slides.pptx").read_bytes())) for folder in folders)
    assert all(decks) and len(facts.quizzes) == len(decks)
    for asked, shown in zip(facts.quizzes, decks):
        assert [q.correct for q in asked] == [q.correct for q in shown]
        assert [q.options for q in asked] == [q.options for q in shown]
        assert all(len(q.correct) == 1 for q in asked)
    artefact = Artefact("11-14/11-14.imscc", "11-14", None, "students", "cartridge", "imscc", (), b"", facts=facts)
    assert quiz_matches(artefact, decks) == []


def test_teacher_notes_and_slides_with_their_speaker_notes_are_for_instructors_only(manifest, package, uk):
    resources = _resources(manifest).values()
    for_staff = ("teacher-notes", "slides.pptx")
    staff = [r for r in resources if any(n in f.get("href") for n in for_staff for f in r.iterfind("cp:file", NS))]
    assert len(staff) == 6 and all(_instructor_only(r) and r.get("type") == "webcontent" for r in staff)
    learner = [r for r in resources if r not in staff]
    assert learner and not any(r.find("cp:metadata", NS) is not None for r in learner)
    assert not any(n in f.get("href") for n in for_staff for r in learner for f in r.iterfind("cp:file", NS))
    facts = read_cartridge((uk / "11-14" / "11-14.imscc").read_bytes())
    assert len(facts.instructor_files) == 6 and not any(n in f for n in for_staff for f in facts.learner_files)
    assert not any(text.startswith(("Teacher notes", "Slides")) for _, text in facts.texts)


def test_pages_are_xhtml_with_key_messages_and_where_to_get_help(package, manifest):
    pages = _pages(package, manifest)
    assert len(pages) == 3
    for page in pages:
        assert page.get("lang") == "en-GB" and page.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"
        assert page.find("h:head/h:meta", NS).get("charset") == "utf-8" and page.findtext("h:head/h:title", namespaces=NS)
        body = page.find("h:body", NS)
        assert len(body.findall("h:h1", NS)) == 1
        assert [h.text for h in body.findall("h:h2", NS)] == ["Key messages", "Where to get help"]
        assert len(body.findall("h:ul", NS)) == 2 and all(len(ul) for ul in body.iterfind("h:ul", NS))
        shown = _help(page)
        assert "Ms Okafor" in shown and "999" in shown and "Childline" in shown
    raw = [package.read(n) for n in package.namelist() if n.endswith(".html")]
    assert all(r.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE html>") for r in raw)


def test_a_us_cartridge_names_us_services_and_no_uk_ones(tmp_path):
    out = _build(tmp_path, "us-district.yaml", "grades-9-12", ["imscc"])
    package = zipfile.ZipFile(out / "grades-9-12" / "grades-9-12.imscc")
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    us = {s["name"] for s in yaml.safe_load((shipped("lessons") / "services" / "us.yaml").read_text())["services"]}
    uk = {s["name"] for s in yaml.safe_load((shipped("lessons") / "services" / "uk.yaml").read_text())["services"]}
    for page in _pages(package, manifest):
        assert page.get("lang") == "en-US"
        shown = _help(page)
        named = {li.findtext("h:strong", namespaces=NS) for li in page.iterfind("h:body/h:ul[2]/h:li", NS)}
        assert named and all(any(n == s or n.startswith(f"{s} (") for s in us) for n in named), named
        assert "911" in shown and "Ms. Alvarez" in shown
        assert not [n for n in uk - us if n in shown]
        assert not [p for p in UK_ONLY if re.search(p, shown)]


def test_the_same_inputs_give_the_same_bytes(uk, tmp_path):
    again = _build(tmp_path, "uk-school.yaml", "11-14", ["imscc"])
    assert (again / "11-14" / "11-14.imscc").read_bytes() == (uk / "11-14" / "11-14.imscc").read_bytes()


def _tampered(data: bytes, edit) -> bytes:
    """Return the cartridge *data* with its manifest's text passed through *edit*."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            body = source.read(name)
            target.writestr(name, edit(body.decode()).encode() if name == "imsmanifest.xml" else body)
    return out.getvalue()


def test_the_gate_fails_a_cartridge_that_shows_teacher_notes_to_learners(uk):
    data = (uk / "11-14" / "11-14.imscc").read_bytes()
    artefact = Artefact("11-14/11-14.imscc", "11-14", None, "students", "cartridge", "imscc", (), data)
    assert staff_hidden(replace(artefact, facts=read_cartridge(data))) == []
    unmarked = _tampered(data, lambda xml: re.sub(r"<metadata>\s*<lom:lom>.*?</lom:lom>\s*</metadata>", "", xml,
                                                   flags=re.S))
    problems = staff_hidden(replace(artefact, data=unmarked, facts=read_cartridge(unmarked)))
    assert sorted(p.field for p in problems) == sorted(2 * [f for f in read_cartridge(data).instructor_files])
    assert {p.message.partition(";")[0] for p in problems} == {"shows a staff-only file to learners",
                                                              "has a staff-only file not marked for instructors"}
    lesson = "11-14/what-it-is-and-warning-signs"
    learner = _tampered(data, lambda xml: xml.replace(f'<file href="{lesson}/handout.docx"/>',
                                                      f'<file href="{lesson}/handout.docx"/>'
                                                      f'<file href="{lesson}/teacher-notes.docx"/>'))
    assert learner != data
    problems = staff_hidden(replace(artefact, data=learner, facts=read_cartridge(learner)))
    assert [p.field for p in problems] == [f"{lesson}/teacher-notes.docx"]
