"""The web page's form as a school config: fields to YAML the CLI accepts, and back.

The form names no path: the logo is the uploaded file, saved under a fixed name; an uploaded
config's own paths (templates, a logo file) are dropped, with a note saying so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from ..errors import Problem

LOGO_FILE = "logo"           # + ".png" or ".jpg": the uploaded logo, beside the config
DATES = re.compile(r"[\s,;]+")
PATH = re.compile(r"^(?!warning: )[A-Za-z_][\w-]*(?:\.[\w-]+)*(?:\[(\d+)\])?: (.*)$", re.S)     # "branding.primary: ..."


@dataclass(frozen=True)
class Field:
    """A text field of the form and where its value goes in the config."""

    name: str
    label: str
    path: tuple[str, ...]
    hint: str = ""


FIELDS = (
    Field("school", "School name", ("school",), "Shown on slides, handouts and letters."),
    Field("dsl_name", "Name", ("dsl", "name"), "As pupils know them, for example Ms Patel."),
    Field("dsl_role", "Role", ("dsl", "role"), "Leave empty for the region's name for the role."),
    Field("dsl_where", "Where pupils find them", ("dsl", "where"), "For example: Room 12, next to the library."),
    Field("dsl_contact", "How parents reach them", ("dsl", "contact"), "An email address or phone number."),
    Field("deputy_name", "Name", ("dsl", "deputy", "name")),
    Field("deputy_role", "Role", ("dsl", "deputy", "role")),
    Field("deputy_where", "Where pupils find them", ("dsl", "deputy", "where")),
    Field("region", "Region", ("region",), "Sets the help services, spelling and school words."),
    Field("paper", "Paper", ("paper",)),
    Field("lesson_minutes", "Lesson length in minutes", ("lesson_minutes",), "Between 40 and 75."),
    Field("primary", "Main colour", ("branding", "primary"), "Six-digit hex, like 1F3864."),
    Field("accent", "Second colour", ("branding", "accent"), "Six-digit hex, like 2E75B6."),
)
BY_PATH = {f.path: f for f in FIELDS}


def to_config(form: Mapping[str, object], bands: list[str], logo: str | None, extra: dict | None = None) -> dict:
    """Return the config the form describes: its fields, each band's lesson dates
    ("dates_BAND"), the bands and variants ticked, the logo's file name, and *extra*, the
    settings of an uploaded config the form has no field for."""
    config: dict = dict(extra or {})
    for field in FIELDS:
        value = str(form.get(field.name) or "").strip()
        if value:
            _put(config, field.path, int(value) if field.name == "lesson_minutes" and value.isdigit() else value)
    dates = {band: DATES.split(text.strip()) for band in bands if (text := str(form.get(f"dates_{band}") or "")).strip()}
    if dates:
        config["lesson_dates"] = dates
    for key in ("default_bands", "variants"):
        chosen = form.get(key)
        if chosen:
            config[key] = list(chosen)
    if logo:
        config.setdefault("branding", {})["logo"] = logo
    return config


def _put(config: dict, path: tuple[str, ...], value) -> None:
    for key in path[:-1]:
        config = config.setdefault(key, {})
    config[path[-1]] = value


def config_yaml(config: dict) -> str:
    """Return *config* as the text of a my-school.yaml the CLI accepts."""
    head = ("# lessonpack school config, saved from the lessonpack web page.\n"
            "# Check it with:  lessonpack validate --config my-school.yaml\n")
    return head + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def from_config(raw: object) -> tuple[dict[str, object], dict, list[str]]:
    """Return the form values of an uploaded config, the settings the form has no field for
    (kept as they are), and notes on what was dropped."""
    if not isinstance(raw, dict):
        return {}, {}, ["the file is not a lessonpack config: expected fields such as school: and dsl:"]
    values: dict[str, object] = {}
    extra, notes = {}, []
    for key, value in raw.items():
        if key == "templates":
            notes.append("templates: the web page uses the shipped designs; your own templates work with the "
                         "lessonpack command")
        elif key == "lesson_dates" and isinstance(value, dict):
            values |= {f"dates_{band}": ", ".join(str(d) for d in dates or []) for band, dates in value.items()}
        elif key in ("default_bands", "variants") and isinstance(value, list):
            values[key] = [str(v) for v in value]
        elif not _fields_of(key, value, (), values):
            extra[key] = value
    if isinstance(raw.get("branding"), dict) and raw["branding"].get("logo"):
        notes.append("branding.logo: upload the logo file itself; a path in the file is not followed")
    return values, extra, notes


def _fields_of(key: str, value, prefix: tuple, values: dict) -> bool:
    """Put *value* (at *prefix* + *key*) into *values* where the form has fields for it; return
    whether every part of it found a field (else it is kept as an extra setting)."""
    path = prefix + (key,)
    if path in BY_PATH and not isinstance(value, (dict, list)):
        values[BY_PATH[path].name] = "" if value is None else str(value)
        return True
    if isinstance(value, dict) and any(p[:len(path)] == path for p in BY_PATH):
        return all([_fields_of(k, v, path, values) or path + (k,) == ("branding", "logo") for k, v in value.items()])
    return False


def field_for(problem: Problem) -> str | None:
    """Return the form field a config problem is about (its field path, "dsl.deputy.name"), or
    None when it is about the settings as a whole."""
    path = tuple(problem.field.split("."))
    for length in range(len(path), 0, -1):
        if path[:length] in BY_PATH:
            return BY_PATH[path[:length]].name
    if path[0] == "lesson_dates" and len(path) > 1:
        return f"dates_{path[1].split('[')[0]}"          # "11-14[2]", the band's third date
    if path[:2] == ("dsl", "deputy"):
        return "deputy_name"
    return {"default_bands": "bands", "variants": "variants", "branding": "logo", "dsl": "dsl_name"}.get(path[0])


def label_for(name: str) -> str:
    """Return what the page calls form field *name*, for a list of problems."""
    field = next((f for f in FIELDS if f.name == name), None)
    if field:
        who = {"dsl": "Safeguarding lead", "deputy": "Deputy"}.get(name.split("_")[0])
        return f"{who}: {field.label}" if who else field.label
    if name.startswith("dates_"):
        return f"Lesson dates for ages {name.removeprefix('dates_')}"
    return {"bands": "Age bands", "variants": "Pupil handouts", "logo": "Logo"}.get(name, name)


def plain(message: str) -> str:
    """Return a problem as read beside its field: without the config path it starts with, a
    list's position as "Date 2: ", and with a capital letter (the page's script does the same)."""
    found = PATH.match(message)
    text = found[2] if found else message
    if found and found[1] is not None:
        text = f"Date {int(found[1]) + 1}: {text}"
    return text[:1].upper() + text[1:]
