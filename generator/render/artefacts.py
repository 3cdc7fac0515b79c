"""Build the bytes of every artefact of a band's pack, each tagged for the manifest."""

from __future__ import annotations

from dataclasses import dataclass, replace

from jinja2 import Environment

from ..gate.units import HELP_HEADING
from ..plan.deck import dsl_line, person, quiz_questions, slide_keywords, taught
from ..plan.packs import BandPack, Lesson
from ..plan.schedule import Schedule
from .cards import Card
from .design import Design
from .documents import BODY_PT, render_document
from .exports import QUIZ_FILES
from .exports.cartridge import CartridgeFile, CartridgeLesson, render_cartridge
from .exports.lesson_json import render_lesson_json
from .exports.quiz import lesson_quiz
from .print_sheets import Sheet, render_pocket_card, render_poster
from .slides import render_slides
from .templating import render_text
from .variants import VARIANTS

STEPS_HEADING = "What to do if it happens"     # as the handout heads the steps
CUT_NOTE = "Cut along the dashed lines and fold along the dotted line."


def reach(service) -> str:
    """Return how to reach *service* at a glance: its phone and text numbers (each kept on one
    line), else its web address."""
    return "; ".join(w.replace(" ", "\u00a0") for w in service.ways) or service.web


OFFICE = ("pptx", "docx")
TITLES = {"slides": "Slides (for the teacher: the speaker notes are for staff)", "handout": "Handout",
          "handout-simple": "Easy-read handout", "teacher-notes": "Teacher notes (staff only)"}
FOR_STAFF = ("slides", "teacher-notes")     # kinds a cartridge shows instructors only
VARIANT_TITLES = {"standard": "", "large-print": " (large print)", "dyslexia": " (dyslexia-friendly)"}


def _carried(artefact: Artefact) -> CartridgeFile:
    """Return a lesson's built file as its cartridge carries it."""
    return CartridgeFile(artefact.path.rpartition("/")[2], TITLES[artefact.kind] + VARIANT_TITLES[artefact.variant],
                         artefact.data, artefact.kind in FOR_STAFF)


def sources(segments) -> list:
    """Return the sources of *segments*' modules, each once, by publisher and title."""
    unique = {(s.publisher, s.title): s for segment in segments for s in segment.module.sources}
    return sorted(unique.values(), key=lambda s: (s.publisher, s.title))


@dataclass(frozen=True)
class Artefact:
    """One generated file and what the manifest says about it."""

    path: str
    band: str
    lesson: str | None
    audience: str
    kind: str
    format: str
    modules: tuple[str, ...]
    data: bytes
    variant: str = "standard"
    facts: object = None   # what the gate reads back from the built file (gate.inspect)


class PackRenderer:
    """Renders a band's artefacts with one template environment and one design."""

    def __init__(self, pack: BandPack, design: Design, env: Environment):
        self.pack, self.design, self.env = pack, design, env

    def lesson_artefacts(self, lesson: Lesson, plan: Schedule, formats: set[str], variants=("standard",)) -> list[Artefact]:
        """Return the slides, handouts (in each print variant) and teacher notes of *lesson*, as
        composed in *plan*."""
        folder = f"{self.pack.band.id}/{lesson.id}"
        modules = tuple(lesson.module_ids)
        staff_modules = modules + tuple(s.module.id for s in lesson.staff)
        out = []
        if "pptx" in formats:
            footer = f"{self.pack.band.label} | Lesson {lesson.number} of {lesson.count}"
            out.append(Artefact(f"{folder}/slides.pptx", self.pack.band.id, lesson.id, "students", "slides",
                                "pptx", modules, render_slides(plan.slides, lesson.title, footer, self.design)))
        if "docx" in formats:
            for variant in (VARIANTS[v] for v in variants):
                for kind, template, label, size in (
                        ("handout", "handout.md.j2", "Handout", variant.body_pt),
                        ("handout-simple", "handout-simple.md.j2", "Easy-read handout", variant.easy_read_pt)):
                    artefact = self._document(
                        f"{folder}/{kind}{variant.suffix}.docx", lesson, "students", kind, modules, template,
                        f"{label}: {lesson.title}", self._handout(lesson, plan), size, variant.line_spacing,
                        variant.page_colour, variant.id != "standard")
                    out.append(replace(artefact, variant=variant.id))
            out.append(self._document(f"{folder}/teacher-notes.docx", lesson, "staff", "teacher-notes",
                                      staff_modules, "teacher-notes.md.j2", f"Teacher notes: {lesson.title}",
                                      self._teacher_notes(lesson, plan)))
        return out + self._exports(lesson, plan, formats)

    def _exports(self, lesson: Lesson, plan: Schedule, formats: set[str]) -> list[Artefact]:
        """Return *lesson*'s quiz in each quiz format asked for, and its JSON."""
        band, folder, modules = self.pack.band.id, f"{self.pack.band.id}/{lesson.id}", tuple(lesson.module_ids)
        quiz = lesson_quiz(self.pack, lesson, plan)
        out = [Artefact(f"{folder}/{name}", band, lesson.id, "students", "quiz", fmt, modules, render(quiz))
               for fmt, (name, render) in QUIZ_FILES.items() if fmt in formats]
        if "json" in formats:       # for staff: it holds the teacher's notes
            staff = modules + tuple(s.module.id for s in lesson.staff)
            out.append(Artefact(f"{folder}/lesson.json", band, lesson.id, "staff", "lesson-data", "json", staff,
                                render_lesson_json(self.pack, lesson, plan)))
        return out

    def cartridge(self, built: list[Artefact], schedules: dict) -> Artefact:
        """Return the band's Common Cartridge: each lesson's *built* slides, handouts and teacher
        notes, its quiz, and where to get help."""
        pack, band = self.pack, self.pack.band.id
        lessons = tuple(CartridgeLesson(lesson, lesson_quiz(pack, lesson, schedules[band, lesson.id]),
                                        tuple(_carried(a) for a in built if a.lesson == lesson.id and a.format in OFFICE))
                        for lesson in pack.lessons)
        modules = tuple(sorted({m for lesson in pack.lessons for m in lesson.module_ids}))
        modules += tuple(sorted({s.module.id for lesson in pack.lessons for s in lesson.staff}))
        return Artefact(f"{band}/{band}.imscc", band, None, "students", "cartridge", "imscc", modules,
                        render_cartridge(pack, lessons))

    def band_artefacts(self) -> list[Artefact]:
        """Return the band's parent letter, one-page parent guide, DSL briefing, and pupils'
        poster (in two sizes) and pocket card."""
        pack = self.pack
        band = pack.band.id
        modules = tuple(sorted({m for lesson in pack.lessons for m in lesson.module_ids}))
        staff = modules + tuple(sorted({s.module.id for lesson in pack.lessons for s in lesson.staff}))
        parents = self._common("parents") | {
            "parents": pack.parents, "lessons": pack.lessons, "services": pack.services("parents"),
            "signature": self._signature(), "dates": self._lesson_dates(), "dsl_contact_short": self._dsl_contact(True)}
        briefing = self._common("staff") | {"lessons": pack.lessons, "services": self._staff_services(),
                                     "staff": pack.lessons[0].staff if pack.lessons else (),
                                     "sources": sources([s for lesson in pack.lessons for s in lesson.segments + lesson.staff])}
        return [
            self._document(f"{band}/parent-letter.docx", None, "parents", "parent-letter", modules,
                           "parent-letter.md.j2", pack.parents.subject, parents),
            self._document(f"{band}/parent-guide.docx", None, "parents", "parent-guide", modules,
                           "parent-guide.md.j2", pack.parents.guide.title, parents),
            self._document(f"{band}/dsl-briefing.docx", None, "staff", "dsl-briefing", staff,
                           "dsl-briefing.md.j2", f"Safeguarding briefing: {pack.band.label}", briefing),
        ] + self._print_sheets(modules)

    def _print_sheets(self, modules: tuple[str, ...]) -> list[Artefact]:
        """Return the band's poster, large poster and pocket card, for pupils."""
        sheet, band = self._sheet(), self.pack.band.id
        return [Artefact(f"{band}/{kind}.docx", band, None, "students", kind, "docx", modules, data)
                for kind, data in (("poster", render_poster(sheet, self.design)),
                                   ("poster-large", render_poster(sheet, self.design, large=True)),
                                   ("pocket-card", render_pocket_card(sheet, self.design)))]

    def _sheet(self) -> Sheet:
        """Return what the poster and pocket card say: the band's steps, that it is never their
        fault, and where to get help, in the curriculum's and the region's words."""
        pack, respell = self.pack, self.pack.localiser.respell
        frame = pack.frame
        services = tuple((pack.service_title(s), reach(s)) for s in pack.services("students"))
        return Sheet(respell(STEPS_HEADING), tuple(Card(s.step, icon=s.icon) for s in frame.what_to_do),
                     frame.never_your_fault, respell(HELP_HEADING), dsl_line(pack), dsl_line(pack, roles=False), services,
                     " | ".join(x for x in (self.design.school, pack.band.label) if x), respell(CUT_NOTE))

    def _document(self, path, lesson, audience, kind, modules, template, title, context,
                  body_pt: float = BODY_PT, line_spacing: float | None = None, page_colour: str | None = None,
                  plain_links: bool = False) -> Artefact:
        markdown = render_text(self.env, template, **context)
        title = self.pack.localiser.respell(title)
        shown = title if audience != "parents" else ""      # letters keep their footer to one line
        footer = " | ".join(x for x in (self.design.school, self.pack.band.label, shown) if x)
        data = render_document(markdown, title, footer, self.design, body_pt, line_spacing, page_colour, plain_links)
        return Artefact(path, self.pack.band.id, lesson.id if lesson else None, audience, kind, "docx",
                        modules, data)

    def _common(self, audience: str = "students") -> dict:
        pack = self.pack
        return {"band": pack.band, "school": self.design.school, "frame": pack.frame, "locale": pack.region.locale,
                "dsl_line": dsl_line(pack), "dsl_line_simple": dsl_line(pack, roles=False), "dsl_name": pack.localiser.value("dsl_short"),
                "dsl_contact": self._dsl_contact(), "age_note": lambda s: pack.age_note(s, audience),
                "what": lambda s: s.what_simple if s.what_simple and pack.band.max_age < 12 else s.what}

    def _handout(self, lesson: Lesson, plan: Schedule) -> dict:
        return self._common() | {"lesson": lesson, "services": self.pack.services("students"),
                                 "stories": taught(lesson, plan, "scenario"),
                                 "activities": taught(lesson, plan, "activity")}

    def _teacher_notes(self, lesson: Lesson, plan: Schedule) -> dict:
        pack = self.pack
        return self._common("staff") | {
            "lesson": lesson, "plan": plan, "slides": plan.slides, "total_minutes": plan.minutes,
            "quiz": quiz_questions(pack, lesson, plan), "activities": taught(lesson, plan, "activity"),
            "on_slide": slide_keywords(lesson) if any(p.kind == "keywords" for p in plan.parts) else [],
            "essentials": [section for segment in lesson.staff for section in segment.content.essentials],
            "services": self._staff_services(),
            "dsl_briefing": pack.localiser.respell(f"Safeguarding briefing: {pack.band.label}"),
        }

    def _staff_services(self) -> list:
        """Return the services staff should know: theirs and the pupils', emergency first."""
        services = {s.id: s for s in self.pack.services("staff") + self.pack.services("students")}
        return sorted(services.values(), key=lambda s: not s.emergency)

    def _dsl_contact(self, short: bool = False) -> str:
        """Return who adults contact with a concern, and how (*short*: on one line, for the guide)."""
        dsl, locale = self.pack.school.config.dsl, self.pack.region.locale
        if dsl is None:
            return f"Contact {locale.dsl_generic} at the school with any concern, however small."
        if short:
            deputy = f"; if they are away, {dsl.deputy.name}" if dsl.deputy else ""
            return f"At school: {dsl.name}, {dsl.role or locale.dsl_role}" \
                f"{': ' + (dsl.contact or dsl.where) if dsl.contact or dsl.where else ''}{deputy}."
        deputy = f" If they are away, contact {person(dsl.deputy, 'deputy ' + locale.dsl_role)}." if dsl.deputy else ""
        return f"Contact {person(dsl, locale.dsl_role)} with any concern, however small.{deputy}"

    def _signature(self) -> list[str]:
        """Return the letter's signature lines: the person the config names, else the role."""
        config, locale = self.pack.school.config, self.pack.region.locale
        who = config.letter_from or config.dsl
        if who is None:
            role = locale.dsl_role[0].upper() + locale.dsl_role[1:]
            return [role] + ([self.design.school] if self.design.school else [])
        default = locale.dsl_role if who is config.dsl else ""
        return [who.name, ", ".join(x for x in (who.role or default, self.design.school) if x)]

    def _lesson_dates(self) -> dict[int, str]:
        """Return each lesson's date as the region writes it, by lesson number, where the config gives one."""
        dates = self.pack.school.config.lesson_dates.get(self.pack.band.id, [])
        form = self.pack.region.locale.date_format
        return {n: form.format(weekday=d.strftime("%A"), day=d.day, month=d.strftime("%B"), year=d.year)
                for n, d in enumerate(dates, start=1)}
