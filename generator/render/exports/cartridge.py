"""A band's lessons as one IMS Common Cartridge 1.1 (Moodle, Canvas, Blackboard and Schoology
import it): a module per lesson holding its slides and handouts, a page of its key messages and
where to get help, its quiz as a QTI assessment, and its teacher notes marked for instructors only."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ...gate.units import HELP_HEADING
from ...plan.deck import dsl_line
from ...plan.packs import BandPack, Lesson
from ...write.stamp import zip_entries
from .qti import render_qti
from .quiz import LessonQuiz

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XHTML = "http://www.w3.org/1999/xhtml"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p1"
SCHEMAS = (f"{CP} {PROFILE}/ccv1p1_imscp_v1p2_v1p0.xsd {LOM_MANIFEST} {PROFILE}/LOM/ccv1p1_lommanifest_v1p0.xsd "
           f"{LOM_RESOURCE} {PROFILE}/LOM/ccv1p1_lomresource_v1p0.xsd")
WEBCONTENT = "webcontent"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
ROLES = "IMSGLC_CC_Rolesv1p1"          # CC 1.1's vocabulary of intendedEndUserRole
INSTRUCTOR = "Instructor"
KEY_HEADING = "Key messages"           # as the teacher notes head them
PAGE, QUIZ = "key-messages.html", "quiz.xml"


@dataclass(frozen=True)
class CartridgeFile:
    """A built file of a lesson, as the cartridge carries it."""

    name: str          # its file name in the lesson's folder: "slides.pptx"
    title: str         # what the LMS lists it as: "Slides", "Handout (large print)"
    data: bytes
    staff: bool        # for instructors only (teacher notes)


@dataclass(frozen=True)
class CartridgeLesson:
    """One lesson, as a module of the cartridge."""

    lesson: Lesson
    quiz: LessonQuiz
    files: tuple[CartridgeFile, ...]


@dataclass(frozen=True)
class _Part:
    """One resource of a lesson's module: what the LMS lists, the file it opens, and who may."""

    ident: str
    title: str
    href: str
    data: bytes
    kind: str = WEBCONTENT
    staff: bool = False


def _ident(band: str, number: int, name: str = "") -> str:
    """Return an XML identifier (NCName) for lesson *number*'s part *name* in *band*, unique
    across bands so two cartridges can go into one course."""
    return f"B{band}_L{number}" + (f"_{re.sub(r'[^A-Za-z0-9._-]', '_', name)}" if name else "")


def _parts(pack: BandPack, lesson: CartridgeLesson) -> list[_Part]:
    """Return a lesson's parts in the order its module lists them: the page, the pupils' files,
    the quiz, then the staff's files."""
    n, band, folder = lesson.lesson.number, pack.band.id, f"{pack.band.id}/{lesson.lesson.id}"
    page = _Part(_ident(band, n, "page"), f"{KEY_HEADING} and {HELP_HEADING[0].lower()}{HELP_HEADING[1:]}",
                 f"{folder}/{PAGE}", _page(pack, lesson.lesson))
    quiz = _Part(_ident(band, n, "quiz"), lesson.quiz.title, f"{folder}/{QUIZ}",
                 render_qti(lesson.quiz, _ident(band, n, "quiz")), ASSESSMENT)
    files = [_Part(_ident(band, n, f.name), f.title, f"{folder}/{f.name}", f.data, staff=f.staff) for f in lesson.files]
    return [page] + [f for f in files if not f.staff] + [quiz] + [f for f in files if f.staff]


def render_cartridge(pack: BandPack, lessons: tuple[CartridgeLesson, ...]) -> bytes:
    """Return the band's cartridge: imsmanifest.xml first, then every lesson's files."""
    modules = [(lesson.lesson, _parts(pack, lesson)) for lesson in lessons]
    files = [(part.href, part.data) for _, parts in modules for part in parts]
    return zip_entries([("imsmanifest.xml", _manifest(pack, modules))] + files)


def _title(pack: BandPack) -> str:
    """Return the course's title: the lessons' subject, as the parent letter names it, and the band."""
    return f"{pack.parents.subject}: {pack.band.label}"


def _el(parent, ns: str, tag: str, text: str | None = None, **attrs) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    node.text = text
    return node


def _manifest(pack: BandPack, modules: list[tuple[Lesson, list[_Part]]]) -> bytes:
    """Return imsmanifest.xml: the cartridge's metadata, a module per lesson, and its resources."""
    root = etree.Element(f"{{{CP}}}manifest", identifier=f"lessonpack-{pack.region.region.lower()}-{pack.band.id}",
                         nsmap={None: CP, "lomimscc": LOM_MANIFEST, "lom": LOM_RESOURCE, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMAS)
    metadata = _el(root, CP, "metadata")
    _el(metadata, CP, "schema", "IMS Common Cartridge")
    _el(metadata, CP, "schemaversion", "1.1.0")
    general = _el(_el(metadata, LOM_MANIFEST, "lom"), LOM_MANIFEST, "general")
    _el(_el(general, LOM_MANIFEST, "title"), LOM_MANIFEST, "string", _title(pack),
        language=pack.region.language)
    _el(general, LOM_MANIFEST, "language", pack.region.language)
    organization = _el(_el(root, CP, "organizations"), CP, "organization", identifier="organization",
                       structure="rooted-hierarchy")
    top = _el(organization, CP, "item", identifier="root")
    resources = _el(root, CP, "resources")
    for lesson, parts in modules:
        module = _el(top, CP, "item", identifier=_ident(pack.band.id, lesson.number))
        _el(module, CP, "title", f"Lesson {lesson.number}: {lesson.title}")
        for part in parts:
            _el(_el(module, CP, "item", identifier=f"{part.ident}_item", identifierref=part.ident), CP, "title",
                part.title)
            _resource(resources, part)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _resource(resources, part: _Part) -> None:
    """Add *part*'s resource: a file the LMS opens (a page or document), or an assessment; a
    staff file carries CC 1.1's role metadata, intendedEndUserRole Instructor, so an LMS keeps it
    from learners (Moodle imports it hidden, Canvas as a locked file)."""
    attrs = {"identifier": part.ident, "type": part.kind} | ({"href": part.href} if part.kind == WEBCONTENT else {})
    resource = _el(resources, CP, "resource", **attrs)
    if part.staff:
        lom = _el(_el(resource, CP, "metadata"), LOM_RESOURCE, "lom")
        role = _el(_el(lom, LOM_RESOURCE, "educational"), LOM_RESOURCE, "intendedEndUserRole")
        _el(role, LOM_RESOURCE, "source", ROLES)
        _el(role, LOM_RESOURCE, "value", INSTRUCTOR)
    _el(resource, CP, "file", href=part.href)


def _reach(item, service) -> None:
    """Add how to reach *service* to the list *item*: its numbers, then its web address as a link."""
    ways = "; ".join(service.ways)
    ways = ways[:1].upper() + ways[1:]
    if not service.web:
        item[-1].tail += f"{ways}."
        return
    item[-1].tail += f"{ways}; " if ways else ""
    href = service.web if service.web.startswith("http") else f"https://{service.web}"
    _el(item, XHTML, "a", service.web, href=href).tail = "."


def _page(pack: BandPack, lesson: Lesson) -> bytes:
    """Return the lesson's page for pupils: its key messages, then where to get help (the
    school's safeguarding lead and the region's services for the band, with how to reach them)."""
    language, band = pack.region.language, pack.band
    html = etree.Element(f"{{{XHTML}}}html", {"lang": language, "{http://www.w3.org/XML/1998/namespace}lang": language},
                         nsmap={None: XHTML})
    head = _el(html, XHTML, "head")
    _el(head, XHTML, "meta", charset="utf-8")
    _el(head, XHTML, "title", lesson.title)
    body = _el(html, XHTML, "body")
    _el(body, XHTML, "h1", lesson.title)
    school = pack.school.config.school
    _el(body, XHTML, "p", " | ".join(x for x in (band.label, f"Lesson {lesson.number} of {lesson.count}", school) if x))
    _el(body, XHTML, "h2", pack.localiser.respell(KEY_HEADING))
    messages = _el(body, XHTML, "ul")
    for message in lesson.key_messages:
        _el(messages, XHTML, "li", message)
    _el(body, XHTML, "h2", pack.localiser.respell(HELP_HEADING))
    _el(body, XHTML, "p", f"{pack.frame.help_intro} {dsl_line(pack)}")
    services = _el(body, XHTML, "ul")
    for service in pack.services("students"):
        what = service.what_simple if service.what_simple and band.max_age < 12 else service.what
        item = _el(services, XHTML, "li")
        _el(item, XHTML, "strong", pack.service_title(service)).tail = f": {what} "
        _reach(item, service)
    _el(_el(body, XHTML, "p"), XHTML, "strong", pack.frame.closing)
    return etree.tostring(etree.ElementTree(html), doctype="<!DOCTYPE html>", xml_declaration=True,
                          encoding="UTF-8", pretty_print=True)
