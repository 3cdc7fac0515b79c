"""`lessonpack serve`: one page where a safeguarding lead fills in the school, checks it, previews
and downloads the pack; stateless (each request's folder is removed when its response ends)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from .. import pipeline
from ..errors import ContentError, LessonpackError, Problem
from ..plan.packs import band_pack
from ..render.design import colour_changes
from ..render.variants import VARIANTS
from ..write.pdf import PdfUnavailable, soffice
from . import form as F
from .tasks import CONFIG, Task
from .uploads import MAX_LOGO_BYTES, UploadRefused, check_config, check_logo
from .workers import TimeLimit, Workers

HERE = Path(__file__).parent
VARIANT_LABELS = {"standard": "Standard", "large-print": "Large print (18pt)",
                  "dyslexia": "Dyslexia-friendly (13pt, 1.5 line spacing, cream page)"}
EXPORT_LABELS = {   # every export format, as a DSL knows the system it goes to
    "imscc": "Common Cartridge for Moodle, Canvas, Blackboard or Schoology (.imscc, one per age band)",
    "moodle-xml": "Moodle quiz questions (Moodle XML)",
    "gift": "Quiz questions in GIFT (Moodle and other tools)",
    "kahoot": "Kahoot! quiz spreadsheet",
    "wayground": "Wayground (Quizizz) quiz spreadsheet",
    "blooket": "Blooket question set (CSV)",
    "json": "Lesson data for other systems (JSON, staff only)",
}
MAX_BODY = MAX_LOGO_BYTES + 512 * 1024
TIME_LIMIT = 300.0
_PAGE = Environment(loader=FileSystemLoader(HERE / "page"), autoescape=select_autoescape(["html"]))


class Refused(HTTPException):
    """Raised when a request's settings or its pack are refused, with the answer saying why:
    {"fields": {field: [message]}, "general": [message]}, or {"error": line}."""

    def __init__(self, answer: dict, status: int = 400):
        super().__init__(status, answer.get("error") or "the settings need changing")
        self.answer = answer


@dataclass
class School:
    """A request's school: the bands and lessons asked for, the form, and the folder holding its
    my-school.yaml (and logo), removed when the request ends unless kept by `keep`."""

    bands: list[str]
    lessons: list[str]
    form: FormData
    folder: Path
    kept: bool = False

    def keep(self) -> Path:
        """Return the folder, leaving its removal to the caller (a streamed answer)."""
        self.kept = True
        return self.folder


def create_app(workers: int | None = None, time_limit: float = TIME_LIMIT) -> FastAPI:
    """Return the web app, with *workers* build processes (default: one per core)."""
    pool = Workers(workers or os.cpu_count() or 1, time_limit)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        pool.start()
        yield
        pool.close()

    app = FastAPI(title="lessonpack", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.pool, app.state.catalogue = pool, _catalogue()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(Exception, _unexpected)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Refused, _refused)
    app.include_router(routes)
    return app


async def _unexpected(request: Request, error: Exception) -> JSONResponse:      # never a traceback in a response
    return JSONResponse({"error": "lessonpack could not answer this request; the server's log says why"}, 500)


async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
    return JSONResponse({"error": str(error.detail)}, error.status_code)


async def _refused(request: Request, error: Refused) -> JSONResponse:
    return JSONResponse(error.answer, error.status_code)


routes = APIRouter()


@routes.get("/", response_class=HTMLResponse)
async def page(request: Request):
    return _PAGE.get_template("index.html").render(pdf=_has_pdf(), fields=F.FIELDS,
                                                   variants=[(v, VARIANT_LABELS.get(v, v)) for v in VARIANTS],
                                                   exports=[(f, EXPORT_LABELS[f]) for f in pipeline.EXPORTS],
                                                   **request.app.state.catalogue)


@routes.get("/health")
async def health(request: Request):
    pool = request.app.state.pool
    return {"status": "ok", "workers": pool.size, "busy": pool.busy, "pdf": _has_pdf()}


@routes.post("/api/check")
async def check(request: Request):
    async with _school(request) as school:
        problems = await asyncio.to_thread(_check, school.folder, school.bands)
        colours = colour_changes(_colour(school.form, "primary"), _colour(school.form, "accent"))
        return _problems_json(problems) | {"colours": colours}


@routes.post("/api/settings")
async def settings(request: Request):
    async with _school(request) as school:
        return Response((school.folder / CONFIG).read_text("utf-8"), media_type="application/yaml",
                        headers={"Content-Disposition": 'attachment; filename="my-school.yaml"'})


@routes.post("/api/load-settings")
async def load_settings(request: Request):
    data = await _upload(request, "settings")
    try:
        raw = yaml.safe_load(check_config(data)) if data else None
    except UploadRefused as e:
        return JSONResponse({"error": str(e)}, 400)
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        return JSONResponse({"error": f"my-school.yaml{f':{line + 1}' if line is not None else ''}: invalid YAML: "
                                      f"{getattr(e, 'problem', e)}"}, 400)
    values, extra, notes = F.from_config(raw)
    return {"values": values, "extra": yaml.safe_dump(extra, sort_keys=False) if extra else "", "notes": notes}


@routes.post("/api/preview")
async def preview(request: Request):
    async with _school(request) as school:
        pictures, note = await _done(request, Task("preview", school.folder, school.bands, school.lessons))
        return {"note": note, "pictures": [
            {"alt": p.alt, "src": f"data:image/{p.kind};base64,{base64.b64encode(p.data).decode()}"} for p in pictures]}


@routes.post("/download")
async def download(request: Request):           # the form without JavaScript: the zip, or the problems
    try:
        async with _school(request) as school:
            try:
                pack = await _done(request, _build_task(school))
            except TimeLimit as e:
                raise Refused({"error": str(e)}) from None
            return Response(pack, media_type="application/zip",
                            headers={"Content-Disposition": f'attachment; filename="{_zip_name(school.folder)}"'})
    except Refused as e:
        return _problems_page(e.answer)


@routes.post("/api/build")
async def build(request: Request):
    async with _school(request) as school:
        task = _build_task(school)
        return StreamingResponse(_stream(request.app.state.pool, task, school.keep()),
                                 media_type="application/x-ndjson")


async def _done(request: Request, task: Task):
    """Run *task* on a worker; return its result, or raise Refused with its problems."""
    async for kind, payload in request.app.state.pool.run(task):
        if kind == "done":
            return payload
        if kind != "progress":
            raise Refused(_outcome(kind, payload))


async def _stream(pool: Workers, task: Task, folder: Path):
    """Yield a build's progress, then its zip or why it failed, as lines of JSON; remove *folder* at the end."""
    try:
        async for kind, payload in pool.run(task):
            if kind == "progress":
                stage, done, of = payload
                yield json.dumps({"progress": stage, "done": done, "of": of}) + "\n"
            elif kind == "done":
                yield json.dumps({"zip": base64.b64encode(payload).decode(), "name": _zip_name(folder)}) + "\n"
            else:
                yield json.dumps(_outcome(kind, payload)) + "\n"
    except TimeLimit as e:
        yield json.dumps({"error": f"{e}; build fewer bands or formats at once"}) + "\n"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _catalogue() -> dict:
    """Return what the page offers: the regions and the default one, each band with the lessons
    the planning code gives it by default, and the default lesson length."""
    loaded = pipeline.load(pipeline.BuildOptions())
    curriculum, school = loaded.curriculum, loaded.school
    regions = [(r.region, r.name, r.paper) for r in sorted(curriculum.regions.values(), key=lambda r: r.region)]
    packs = [band_pack(curriculum, school, band) for band in curriculum.bands]
    return {"regions": regions, "region": school.config.region, "minutes": packs[0].lesson_minutes,
            "bands": [(p.band.id, p.band.label, [(lesson.id, lesson.title) for lesson in p.lessons]) for p in packs]}


def _has_pdf() -> bool:
    """Return whether PDFs can be made here (LibreOffice is installed)."""
    try:
        return bool(soffice())
    except PdfUnavailable:
        return False


def _new_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="lessonpack-web-"))


@contextlib.asynccontextmanager
async def _school(request: Request):
    """Yield the request's School, its settings written into a folder of its own that is removed
    when the request ends, however it ends; raise Refused naming the field at fault."""
    folder = _new_folder()
    school = None
    try:
        school = await _settings(request, folder)
        yield school
    finally:
        if school is None or not school.kept:
            shutil.rmtree(folder, ignore_errors=True)


async def _form(request: Request):
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise HTTPException(413, "the request is too large; the logo must be under 2 MB")
    try:
        return await request.form(max_files=2, max_fields=400, max_part_size=MAX_BODY)
    except Exception as e:      # a malformed or oversized form
        raise HTTPException(400, f"the form could not be read ({str(e)[:100]})") from None


async def _upload(request: Request, name: str) -> bytes:
    upload = (await _form(request)).get(name)
    return await upload.read() if upload is not None and hasattr(upload, "read") else b""


async def _settings(request: Request, folder: Path) -> School:
    """Write the form's settings (and its logo) into *folder* as my-school.yaml; return the
    School, or raise Refused naming the field at fault."""
    data = await _form(request)
    bands = [b for b in data.getlist("bands") if isinstance(b, str)]
    lessons = [lesson for lesson in data.getlist("lessons") if isinstance(lesson, str)]
    values = {key: (data.getlist(key) if key in ("default_bands", "variants") else data.get(key)) for key in data.keys()}
    values["default_bands"] = bands
    logo = await _logo(data.get("logo"), folder)
    band_ids = [band for band, _, _ in request.app.state.catalogue["bands"]]
    config = F.to_config(values, band_ids, logo, _extra(data.get("extra")))
    (folder / CONFIG).write_text(F.config_yaml(config), "utf-8")
    return School(bands, lessons, data, folder)


async def _logo(upload, folder: Path) -> str | None:
    """Save an uploaded logo in *folder*; return its file name (None without one), or raise Refused."""
    content = await upload.read() if upload is not None and hasattr(upload, "read") else b""
    if not content:
        return None
    try:
        logo = F.LOGO_FILE + check_logo(content)
    except UploadRefused as e:
        raise Refused({"fields": {"logo": [str(e)]}, "general": []}) from None
    (folder / logo).write_bytes(content)
    return logo


def _extra(text) -> dict:
    """Return the settings an uploaded config had beyond the form's fields, without its paths."""
    try:
        extra = yaml.safe_load(str(text or "")) or {}
    except yaml.YAMLError:
        return {}
    return {k: v for k, v in extra.items() if k not in ("templates", "branding")} if isinstance(extra, dict) else {}


def _check(folder: Path, bands: list[str]) -> list[Problem]:
    """Return every problem `lessonpack validate` would report on the form's settings, before building."""
    options = pipeline.BuildOptions(config=folder / CONFIG, bands=bands)
    try:
        loaded = pipeline.load(options)
        pipeline.plan(loaded, options)
        return loaded.warnings
    except ContentError as e:
        return e.problems
    except LessonpackError as e:
        return [Problem("", 0, "", line) for line in e.lines()]


def _problems_json(problems: list[Problem]) -> dict:
    """Return problems by form field (the CLI's wording, without the server's file name), and those
    about the settings as a whole."""
    fields, general = {}, []
    for problem in problems:
        text = ("warning: " if problem.severity == "warning" else "") + problem.message
        field = F.field_for(problem) if problem.field else None
        if field:
            fields.setdefault(field, []).append(f"{problem.field}: {text}")
        else:
            general.append(text)
    return {"fields": fields, "general": general, "ok": not any(p.severity == "error" for p in problems)}


def _problems_page(answer: dict) -> HTMLResponse:
    """Return the page that lists why a pack was not made (the form posted without JavaScript)."""
    lines = [f"{F.label_for(field)}: {F.plain(m)}" for field, messages in answer.get("fields", {}).items() for m in messages]
    lines += [F.plain(m) for m in answer.get("general", []) + ([answer["error"]] if answer.get("error") else [])]
    return HTMLResponse(_PAGE.get_template("problems.html").render(lines=lines), 400)


def _outcome(kind: str, payload) -> dict:
    """Return a failed task's answer: its problems by field, or its one-line errors."""
    return _problems_json(payload) if kind == "problems" else {"error": "; ".join(payload)}


def _colour(data, key: str) -> str:
    value = str(data.get(key) or "").strip().lstrip("#")
    default = {"primary": "1F3864", "accent": "2E75B6"}[key]
    return value if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value) else default


def _build_task(school: School) -> Task:
    formats = [f for f in school.form.getlist("formats") if f in pipeline.FORMATS] or ["pptx", "docx"]
    variants = [v for v in school.form.getlist("variants") if v in VARIANTS]
    return Task("build", school.folder, school.bands, school.lessons, formats, variants)


def _zip_name(folder: Path) -> str:
    config = yaml.safe_load((folder / CONFIG).read_text("utf-8")) or {}
    school = "".join(c if c.isalnum() else "-" for c in str(config.get("school") or "school").lower()).strip("-")
    return f"lessonpack-{school or 'school'}.zip"


def serve(host: str, port: int, workers: int | None, time_limit: float) -> None:
    """Run the app under uvicorn until interrupted."""
    import uvicorn
    uvicorn.run(create_app(workers, time_limit), host=host, port=port, log_level="info")

