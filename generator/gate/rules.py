"""The safeguarding gate's rules over built artefacts. Each returns Problems naming artefact,
place, rule id, what is wrong and how to fix it."""

from __future__ import annotations

import re
from collections import defaultdict

from ..errors import Problem
from ..load.textchecks import strings
from ..load.yamlsrc import field_path, line_of
from ..plan.layout import BUBBLE_PT
from ..render.colour import MIN_CONTRAST, contrast, grey, hue_family
from ..render.variants import VARIANTS
from .inspect import SMALL_TEXT, DeckFacts, DocFacts
from .units import HELP_HEADING, help_section, normalise, units

PUPILS = ("students",)
# The smallest text a pupil document of these kinds may carry, in place of its print variant's:
# posters are read from across a room; a credit-card-size pocket card is set as cards are, 7pt and up.
KIND_MIN_PT = {"poster": 16, "poster-large": 20, "pocket-card": 7}
MYTH_SPAN = re.compile(r"Myth:.*?(?:Fact|Correction)\b", re.S)
FILENAME = re.compile(r"\.(?:png|jpe?g|gif|bmp|svg)$", re.I)


def _problem(artefact, where: str, rule: str, message: str, severity: str = "error", quote: str = "") -> Problem:
    return Problem(artefact.path, 0, where, message, severity, rule, quote)


def language(artefacts, rules) -> list[Problem]:
    """Rule 1: no victim-blaming, shaming, scare tactics, stereotypes, questions about pupils' own
    experience or the "stays online" myth."""
    rules = list(rules)
    anything = re.compile("|".join(f"(?:{rule.pattern})" for rule in rules), re.I)   # one pass finds candidates
    compiled = [(rule, re.compile(rule.pattern, re.I)) for rule in rules]
    out = []
    for artefact in artefacts:
        for unit in units(artefact):
            if unit.role == "myth" or not anything.search(unit.text):    # myths are voted on, then corrected
                continue
            text = MYTH_SPAN.sub(" ", unit.text)
            for rule, pattern in compiled:
                if match := pattern.search(text):
                    out.append(_problem(artefact, unit.where, "language",
                                        f"{rule.kind} wording {match.group(0)!r} ({rule.id}): {rule.why}; "
                                        f"instead, {rule.instead}", quote=match.group(0)))
    return out


def traced(problem: Problem, sources: SourceIndex, band: str) -> Problem:
    """Return *problem* placed where its quoted text was written (curriculum file, line and field,
    band *band*'s text first), naming the built file and place in its message; else unchanged."""
    if not problem.quote:
        return problem
    needle = problem.quote.lower()
    holding = [where for text, where in sources.entries() if needle in text]
    for fits in (lambda f: f.startswith(f"bands.{band}."), lambda f: not f.startswith("bands."), lambda f: True):
        if found := next((where for where in holding if fits(where[2])), None):
            file, line, field = found
            place = ", ".join(x for x in (problem.file, problem.field) if x)
            return Problem(file, line, field, f"{problem.message} (in {place})", problem.severity, problem.rule)
    return problem


class SourceIndex:
    """Every curriculum string, lower-cased, with the (file, line, field) it is at; read only when
    a finding is first traced, so a build that passes the gate never reads it."""

    def __init__(self, texts: dict):
        self.texts, self._entries = texts, None

    def entries(self) -> list[tuple]:
        if self._entries is None:
            self._entries = [(normalise(text).lower(), (file, line_of(raw, loc), field_path(loc)))
                             for file, raw in self.texts.items() for loc, text, _ in strings(raw)]
        return self._entries


def terms(artefacts, packs) -> list[Problem]:
    """Rule 2: a band's avoided terms never appear in what its pupils and parents read.
    (Staff notes may name a term, so staff can recognise it.)"""
    out = []
    for artefact in artefacts:
        band = packs[artefact.band].band
        if artefact.audience == "staff":
            continue
        for unit in units(artefact):
            for term in band.avoid_terms:
                if found := re.search(rf"\b{re.escape(term)}\w*", unit.text, re.I):
                    out.append(_problem(artefact, unit.where, "terms",
                                        f"{term!r} is not used with the {band.label} band; "
                                        f"say {band.preferred_term or 'what happens in plain words'} instead",
                                        quote=found.group(0)))
    return out


def preferred_term(band, preferred: str | None) -> str | None:
    """Return the term *band*'s pupil materials should use: the school's, else the band's."""
    return preferred if (preferred and band.preferred_term) else band.preferred_term


def uses_term(artefact, term: str | None) -> bool:
    """Return whether a pupil artefact uses *term*."""
    return bool(term) and artefact.audience in PUPILS and any(term.lower() in u.text.lower() for u in units(artefact))


def term_unused(band_id: str, term: str, first_path: str) -> Problem:
    """Rule 2: the warning for a band none of whose pupil artefacts uses its preferred term."""
    return Problem(first_path, 0, "", f"no pupil artefact of band {band_id} uses the preferred term {term!r}; "
                   "name it in the lesson that explains what it is", "warning", "terms")


def key_messages(artefacts, rules) -> list[Problem]:
    """Rule 3: every lesson's pupil materials carry every key message and a help section."""
    compiled = [(rule, [re.compile(p, re.I) for p in rule.patterns]) for rule in rules]
    out = []
    for artefact in artefacts:
        if artefact.audience not in PUPILS or artefact.kind not in ("slides", "handout"):
            continue
        text = " ".join(u.text for u in units(artefact))
        for rule, patterns in compiled:
            if not any(p.search(text) for p in patterns):
                out.append(_problem(artefact, "", "key-messages", f"missing the key message "
                                    f"{rule.name!r}; {rule.fix}"))
        if not help_section(artefact):
            out.append(_problem(artefact, "", "key-messages", f"no {HELP_HEADING!r} section; "
                                "every pupil pack ends with where to get help"))
    return out


def signposting(artefacts, packs, regions) -> list[Problem]:
    """Rule 4: the help shown fits the pack's region and ages, with the emergency number, an
    under-18 service for under-18 bands and the school's DSL when the config names one."""
    everywhere = {s.name: (r.region, s) for r in regions.values() for s in r.services}
    out = []
    for artefact in artefacts:
        if artefact.audience not in ("students", "parents"):
            continue
        pack = packs[artefact.band]
        shown = help_section(artefact)
        if not shown:
            continue
        allowed = {s.name for s in pack.services(artefact.audience)}
        own = {s.name for s in pack.region.services}
        for name, (region, service) in everywhere.items():
            if name in shown and name not in allowed:
                why = "not for this band's ages or readers" if name in own else "another region's"
                region = pack.region.region if name in own else region
                out.append(_problem(artefact, HELP_HEADING, "signposting",
                                    f"lists {name} ({region}), {why}; remove it or fix its ages and audiences"))
        emergency = [s for s in pack.region.services if s.emergency]
        if emergency and emergency[0].phone not in shown:
            out.append(_problem(artefact, HELP_HEADING, "signposting",
                                f"does not show the emergency number {emergency[0].phone}"))
        if artefact.audience in PUPILS and pack.band.min_age < 18:
            if not any(s.young_people and s.name in shown for s in pack.region.services):
                out.append(_problem(artefact, HELP_HEADING, "signposting",
                                    "shows no service for under-18s; add one to the region's services"))
        dsl = pack.school.config.dsl
        if artefact.audience in PUPILS and dsl and dsl.name not in shown:
            out.append(_problem(artefact, HELP_HEADING, "signposting",
                                f"does not name the school's safeguarding lead {dsl.name}"))
    return out


def audience(artefacts, staff_texts: list[str]) -> list[Problem]:
    """Rule 5: nothing written for staff appears in a pupil or parent artefact."""
    needles = [normalise(t) for t in staff_texts if len(t) >= 30]
    out = []
    for artefact in artefacts:
        if artefact.audience == "staff":
            continue
        for unit in units(artefact):
            for needle in needles:
                if needle in unit.text:
                    out.append(_problem(artefact, unit.where, "audience",
                                        f"contains staff-only text {needle[:60]!r}...; keep it in teacher notes"))
    return out


def accessibility(artefacts, min_slide_pt: float = 24, min_label_pt: float = 18) -> list[Problem]:
    """Rule 7: titles, alt text, text sizes (per print variant), contrast in colour and in
    greyscale, language, headings and table headers."""
    out = []
    for artefact in artefacts:
        if isinstance(artefact.facts, DocFacts):
            out += _document(artefact, VARIANTS[getattr(artefact, "variant", "standard")])
        elif isinstance(artefact.facts, DeckFacts):
            out += _deck(artefact, min_slide_pt, min_label_pt)
    return out


def _contrast(artefact, where: str, run) -> list[Problem]:
    """Return a problem if *run* is hard to read on its background, in colour or printed in grey."""
    for label, fg, bg in (("", run.colour, run.background), (" printed in greyscale", grey(run.colour), grey(run.background))):
        ratio = contrast(fg, bg)
        if ratio < MIN_CONTRAST:
            return [_problem(artefact, where, "accessibility", f"text {run.text[:40]!r} has contrast {ratio:.1f}:1"
                             f"{label} on #{run.background}; use at least {MIN_CONTRAST}:1")]
    return []


def _deck(artefact, min_body: float, min_any: float) -> list[Problem]:
    out, seen = [], defaultdict(list)
    for slide in artefact.facts.slides:
        where = f"slide {slide.number}"
        if not slide.title.strip():
            out.append(_problem(artefact, where, "accessibility", "has no title; give every slide a title"))
        seen[slide.title].append(slide.number)
        for descr in slide.pictures:
            if not descr.strip() or FILENAME.search(descr):
                out.append(_problem(artefact, where, "accessibility",
                                    f"a picture has no alt text ({descr!r}); describe it"))
        if not slide.languages:
            out.append(_problem(artefact, where, "accessibility", "text declares no language"))
        for run in slide.runs:
            if not run.text.strip():
                continue
            small = run.shape.startswith(SMALL_TEXT)
            floor = min_any if small else BUBBLE_PT if run.shape.startswith("Message from") else min_body
            if run.size < floor:
                out.append(_problem(artefact, where, "accessibility",
                                    f"text {run.text[:40]!r} is {run.size:g}pt; use {floor:g}pt or more"))
            out += _contrast(artefact, where, run)
    for title, numbers in seen.items():
        if title and len(numbers) > 1:
            out.append(_problem(artefact, f"slides {', '.join(map(str, numbers))}", "accessibility",
                                f"share the title {title!r}; titles must be unique in a deck"))
    return out


def _document(artefact, variant) -> list[Problem]:
    facts = artefact.facts
    out = []
    if not facts.language:
        out.append(_problem(artefact, "", "accessibility", "declares no document language"))
    written = [p for p in facts.paragraphs if p.text.strip()]
    if not written or not written[0].style.lower().startswith("heading"):
        out.append(_problem(artefact, "paragraph 1", "accessibility",
                            "does not open with a heading style; use Heading 1 for the title"))
    for number in facts.tables_without_header:
        out.append(_problem(artefact, f"table {number}", "accessibility", "has no header row; mark its first row"))
    for descr in facts.pictures:
        if not descr.strip() or FILENAME.search(descr):
            out.append(_problem(artefact, "", "accessibility", f"a picture has no alt text ({descr!r})"))
    if variant.min_spacing and facts.line_spacing < variant.min_spacing:
        out.append(_problem(artefact, "", "accessibility", f"line spacing is {facts.line_spacing:g}; "
                            f"the {variant.id} variant needs {variant.min_spacing:g}"))
    if variant.page_colour and facts.page_colour != variant.page_colour:
        out.append(_problem(artefact, "", "accessibility", f"page colour is #{facts.page_colour}; "
                            f"the {variant.id} variant prints on #{variant.page_colour}"))
    for p in written:
        out += _paragraph(artefact, p, variant)
    families = {hue_family(r.colour) for p in written for r in p.runs if r.text.strip()}
    if variant.no_red_green and {"red", "green"} <= families:
        out.append(_problem(artefact, "", "accessibility", f"uses red and green text together; the {variant.id} "
                            "variant avoids red/green pairs (use dark text and bold)"))
    return out


def _paragraph(artefact, p, variant) -> list[Problem]:
    out, where = [], f"paragraph {p.number}"
    body = not p.style.lower().startswith("heading")
    smallest = KIND_MIN_PT.get(artefact.kind, variant.min_pt)
    for run in (r for r in p.runs if r.text.strip()):
        if artefact.audience in PUPILS and run.size < smallest:
            out.append(_problem(artefact, where, "accessibility",
                                f"text {run.text[:40]!r} is {run.size:g}pt; use {smallest:g}pt or more"))
        if artefact.audience in PUPILS and body and variant.max_pt and run.size > variant.max_pt:
            out.append(_problem(artefact, where, "accessibility", f"text {run.text[:40]!r} is {run.size:g}pt; "
                                f"the {variant.id} variant uses {variant.min_pt:g}-{variant.max_pt:g}pt"))
        if variant.id != "standard" and (run.italic or run.underline):
            out.append(_problem(artefact, where, "accessibility", f"text {run.text[:40]!r} is in italics or "
                                f"underlined; the {variant.id} variant uses bold for emphasis"))
        out += _contrast(artefact, where, run)
    return out
