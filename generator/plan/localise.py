"""Curriculum text as one school reads it: its region's spelling, words and money, and tokens
such as {report} and {dsl} filled with the region's services and the school's own people.

Authors write British English; a region's locale (lessons/services/<region>.yaml) says what
changes. Tokens are filled after respelling, so service and people's names keep their spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from ..model import ROLES, AgeBand, HelpService, Region

PEOPLE = ("dsl", "dsl_short", "school", "subject", "years", "tutor")
TOKENS = frozenset(ROLES) | frozenset(PEOPLE)
TOKEN = re.compile(r"\{([a-z_]+)(\.contact)?\}")
WORD = re.compile(r"[A-Za-z]+")
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[\"\u201c(]\s*)$")
ADULTS = " (for adults, 18 and over)"
ARTICLE = re.compile(r"(?:the|our|your|a|an) ")   # a value starting so is capitalised at a sentence start


def unknown_tokens(text: str) -> list[str]:
    """Return the tokens in *text* that lessonpack does not know."""
    return [m.group(0) for m in TOKEN.finditer(text) if m.group(1) not in TOKENS or
            (m.group(2) and m.group(1) not in ROLES)]


def role_services(region: Region, role: str, band: AgeBand) -> list[HelpService]:
    """Return the services of *region* that fill *role* for *band*'s ages."""
    return [s for s in region.role(role) if s.ages.min <= band.max_age and s.ages.max >= band.min_age
            and (s.list_from_age is None or band.min_age >= s.list_from_age or role == "emergency")]


def service_phrase(service: HelpService) -> str:
    """Return how a sentence names *service*: its short name, with its age when it is for adults."""
    return (service.short or service.name) + (ADULTS if service.adults_only else "")


@dataclass(frozen=True)
class Localiser:
    """Turns curriculum text into the text one band of one school reads."""

    region: Region
    band: AgeBand
    dsl: object = None        # the config's DSL, or None
    school: str | None = None

    @cached_property
    def _words(self) -> dict[str, str]:
        words = dict(BRITISH_ENGLISH_SPELLINGS) if self.region.locale.spelling == "american" else {}
        words.update({k.lower(): v for k, v in self.region.locale.words.items()})
        return words

    @cached_property
    def _phrases(self):
        """Return a pattern for the locale's multi-word replacements, longest first (or None)."""
        multi = sorted((k for k in self.region.locale.words if " " in k), key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(map(re.escape, multi)) + r")\b", re.I) if multi else None

    def value(self, token: str, contact: bool = False, named: set | None = None) -> str:
        """Return what *token* stands for in this band and school; a role's services leave out
        those the sentence has *named* already (their ids, updated), unless that leaves none."""
        locale, dsl = self.region.locale, self.dsl
        if token in ROLES:
            services = role_services(self.region, token, self.band)
            if named is not None and token != "emergency":
                services = [s for s in services if s.id not in named] or services
                named.update(s.id for s in services)
            if token == "emergency":
                return services[0].phone or services[0].contact
            if contact:
                return "; ".join(s.contact for s in services)
            if len(services) > 1 and all(s.adults_only for s in services):
                both = "both" if len(services) == 2 else "all"
                return " or ".join(s.short or s.name for s in services) + f" ({both} for adults, 18 and over)"
            return " or ".join(service_phrase(s) for s in services)
        return {
            "dsl": f"{dsl.name} ({dsl.role or locale.dsl_role})" if dsl else locale.dsl_generic,
            "dsl_short": dsl.name if dsl else locale.dsl_short,
            "school": self.school or "the school",
            "subject": locale.subject,
            "years": self.band.school_years,
            "tutor": locale.tutor,
        }[token]

    def text(self, text: str) -> str:
        """Return *text* respelled for the region, its money in the region's currency and its
        tokens filled (capitalised at the start of a sentence)."""
        text = self.respell(text).replace("£", self.region.locale.currency)
        named = set()      # each service is named once: "{helpline} or {crisis}" does not repeat one

        def fill(match: re.Match) -> str:
            value = self.value(match.group(1), bool(match.group(2)), named)
            if SENTENCE_START.search(text, 0, match.start()) and ARTICLE.match(value):
                value = value[0].upper() + value[1:]
            return value

        return TOKEN.sub(fill, text)

    def respell(self, text: str) -> str:
        """Return *text* with the region's spelling and words (tokens and money untouched)."""
        words = self._words
        if not words:
            return text
        if self._phrases:
            text = self._phrases.sub(lambda m: _same_case(m.group(0), self.region.locale.words.get(
                m.group(0), self.region.locale.words.get(m.group(0).lower(), m.group(0)))), text)

        def swap(match: re.Match) -> str:
            word = match.group(0)
            if word in self.region.locale.words:        # exact-case entries win ("Mum": "Mom")
                return self.region.locale.words[word]
            new = words.get(word.lower())
            return _same_case(word, new) if new else word

        return WORD.sub(swap, text)

def _same_case(old: str, new: str) -> str:
    """Return *new* in the case pattern of *old* (lower, Capitalised or UPPER)."""
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
