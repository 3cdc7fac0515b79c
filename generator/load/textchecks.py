"""Checks on the curriculum's written text, every region's at once: tokens lessonpack knows,
no service named outright, no region's marks outside its own region text, and every adults'
service carrying its age."""

from __future__ import annotations

import re

from ..errors import Problem
from ..plan.localise import TOKEN, role_services, unknown_tokens
from .regional import OTHER, is_choice
from .yamlsrc import LineDict, LineList, field_path, line_of

TYPED_SLIDE = re.compile(r"\bslides? \d+\b", re.I)
PLACEHOLDER = re.compile(r"\[[^\]]*\]")
SKIP = frozenset({"id", "modules", "reviewed", "url", "regions", "match"})


def strings(node, loc: tuple = (), region: str | None = None):
    """Yield (loc, text, region) for every string in *node*; region is the region whose text it
    is, or None for text every region reads."""
    if isinstance(node, LineDict):
        choice = is_choice(node)
        only = node.get("regions") if isinstance(node.get("regions"), list) else None
        for key, value in node.items():
            if key in SKIP:
                continue
            inner = (key if key != OTHER else region) if choice else region
            if only and len(only) == 1:
                inner = only[0]
            yield from strings(value, loc + (key,), inner)
    elif isinstance(node, LineList):
        for i, item in enumerate(node):
            yield from strings(item, loc + (i,), region)
    elif isinstance(node, str):
        yield loc, node, region


def word_pattern(words) -> re.Pattern | None:
    """Return a pattern finding any of *words* as whole words (case kept), or None if none."""
    def whole(word: str) -> str:
        start = r"(?<![\w.,])" if re.match(r"\w", word) else ""
        end = r"(?!\w)" if re.search(r"\w$", word) else ""
        return start + re.escape(word) + end

    words = sorted({w for w in words if w}, key=len, reverse=True)
    wordy = [w for w in words if re.match(r"\w", w) and re.search(r"\w$", w)]
    parts = [r"(?<![\w.,])(?:" + "|".join(map(re.escape, wordy)) + r")(?!\w)"] if wordy else []
    parts += [whole(w) for w in words if w not in wordy]
    return re.compile("|".join(parts)) if parts else None


def mark_words(regions) -> dict[str, set]:
    """Return each region's marks, leaving out words more than one region claims."""
    claimed = {r.region: {bare(m) for m in r.all_marks} for r in regions.values()}
    shared = {w for code, words in claimed.items() for other, theirs in claimed.items()
              if other != code for w in words & theirs}
    return {code: words - shared for code, words in claimed.items()}


def bare(name: str) -> str:
    """Return *name* without a leading "the " (so "the CyberTipline" is found mid-sentence)."""
    return name[4:] if name.lower().startswith("the ") else name


def adult_names(region) -> list[tuple]:
    """Return (name, service) for each name of *region*'s services young people may use only from 18."""
    return [(bare(n), s) for s in region.services if s.from_18 for n in s.names]


def unlabelled_adult(text: str, names: list[tuple]) -> tuple | None:
    """Return the first (name, service) of *names* that *text* mentions without an age, else None."""
    return next(((n, s) for n, s in names if n in text and "18" not in text), None)


def check_texts(texts: dict, regions) -> list[Problem]:
    """Return problems in the written text of *texts* (file shown -> parsed YAML)."""
    currencies = {r.locale.currency for r in regions.values()}     # money is converted, so may be written
    owner = {word: code for code, words in mark_words(regions).items() for word in words - currencies}
    pattern = word_pattern(owner)
    adults = {code: adult_names(r) for code, r in regions.items()}
    adults[None] = [pair for pairs in list(adults.values()) for pair in pairs]   # text every region reads
    out = []
    for shown, raw in texts.items():
        for loc, text, region in strings(raw):
            where = (shown, line_of(raw, loc), field_path(loc))
            for token in unknown_tokens(text):
                out.append(Problem(*where, f"unknown token {token}; use one of {{emergency}}, {{report}}, "
                                   "{remove}, {helpline}, {crisis}, {adult_remove}, {dsl}, {dsl_short}, "
                                   "{school}, {subject}, {years}, {tutor}"))
            for found in pattern.finditer(text) if pattern else ():
                if owner[found.group(0)] != region:
                    out.append(Problem(*where, _mark_message(found.group(0), owner[found.group(0)], region),
                                       rule="signposting"))
                    break
            if bracket := PLACEHOLDER.search(text):
                out.append(Problem(*where, f"{bracket.group(0)!r} reads as a placeholder; write what happens in "
                                   "words, such as \"(sends a screenshot of your followers)\"", rule="completeness"))
            if typed := TYPED_SLIDE.search(text):
                out.append(Problem(*where, f"types a slide number ({typed.group(0)!r}), which changes as the "
                                   "lesson is fitted to its minutes; name the slide instead, such as "
                                   "\"the help slide at the end\"", rule="teaching"))
            if unlabelled := unlabelled_adult(text, adults.get(region, [])):
                out.append(Problem(*where, f"names {unlabelled[0]}, a service for adults, without its age; "
                                   "write {adult_remove}, or say it is for when you are 18", rule="signposting"))
    return out


def _mark_message(word: str, code: str, region: str | None) -> str:
    if region is None:
        return (f"names {word!r} ({code}) in text every region reads; use a token such as {{report}} "
                f"or {{remove}}, or make it {code} region text")
    return f"names {word!r} ({code}) in {region} region text; name {region}'s own service or use a token"


def check_roles(texts: dict, region, band, content: str) -> list[Problem]:
    """Return a problem for each token naming a role no service of *region* fills for *band*."""
    out = []
    for shown, raw in texts.items():
        for loc, text, only in strings(raw):
            if only not in (None, region.region) or not _for_band(loc, content):
                continue
            for match in TOKEN.finditer(text):
                role = match.group(1)
                if region.roles.get(role) is not None and not role_services(region, role, band):
                    out.append(Problem(shown, line_of(raw, loc), field_path(loc),
                                       f"{{{role}}}: no {region.region} service fills it for band {band.id} "
                                       f"(ages {band.min_age}-{band.max_age}); reword, or add a service to "
                                       f"the role in services/{region.region.lower()}.yaml", rule="signposting"))
    return out


def _for_band(loc: tuple, content: str) -> bool:
    """Return whether the text at *loc* is read by band *content* (text under bands: of another band is not)."""
    return "bands" not in loc[:1] or len(loc) < 2 or loc[1] == content
