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
from pathlib import Path

import yaml
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException

from .. import pipeline
from ..errors import ContentError, LessonpackError, Problem
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
MAX_BODY = MAX_LOGO_BYTES + 512 * 1024
TIME_LIMIT = 300.0
_PAGE = Environment(loader=FileSystemLoader(HERE / "page"), autoescape=select_autoescape(["html"]))


def create_app(workers: int | None = None, time_limit: float = TIME_LIMIT) -> FastAPI:
    """Return the web app, with *workers* build processes (default: one per core)."""
    pool = Workers(workers or os.cpu_count() or 1, time_limit)
    catalogue = _catalogue()
    band_ids = [band for band, _, _ in catalogue["bands"]]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        pool.start()
        yield
        pool.close()

    app = FastAPI(title="lessonpack", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(Exception)
    async def unexpected(request, error):          # never a traceback in a response
        return JSONResponse({"error": "lessonpack could not answer this request; the server's log says why"}, 500)

    @app.exception_handler(HTTPException)
    async def http_error(request, error):
        return JSONResponse({"error": str(error.detail)}, error.status_code)

    @app.get("/", response_class=HTMLResponse)
    async def page():
        return _PAGE.get_template("index.html").render(pdf=_has_pdf(), fields=F.FIELDS,
                                                       variants=[(v, VARIANT_LABELS.get(v, v)) for v in VARIANTS],
                                                       **catalogue)

    @app.get("/health")
    async def health():
        return {"status": "ok", "workers": pool.size, "busy": pool.busy, "pdf": _has_pdf()}

    @app.post("/api/check")
    async def check(request: Request):
        async with _request_folder() as folder:
            found = await _settings(request, folder, band_ids)
            if isinstance(found, JSONResponse):
                return found
            bands, _, data = found
            problems = await asyncio.to_thread(_check, folder, bands)
            return _problems_json(problems) | {"colours": colour_changes(_colour(data, "primary"), _colour(data, "accent"))}

    @app.post("/api/settings")
    async def settings(request: Request):
        async with _request_folder() as folder:
            found = await _settings(request, folder, band_ids)
            if isinstance(found, JSONResponse):
                return found
            return Response((folder / CONFIG).read_text("utf-8"), media_type="application/yaml",
                            headers={"Content-Disposition": 'attachment; filename="my-school.yaml"'})

    @app.post("/api/load-settings")
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

    @app.post("/api/preview")
    async def preview(request: Request):
        async with _request_folder() as folder:
            found = await _settings(request, folder, band_ids)
            if isinstance(found, JSONResponse):
                return found
            bands, lessons, _ = found
            async for kind, payload in pool.run(Task("preview", folder, bands, lessons)):
                if kind == "done":
                    pictures, note = payload
                    return {"note": note, "pictures": [
                        {"alt": p.alt, "src": f"data:image/{p.kind};base64,{base64.b64encode(p.data).decode()}"}
                        for p in pictures]}
                if kind != "progress":
                    return JSONResponse(_outcome(kind, payload), 400)

    @app.post("/download")
    async def download(request: Request):           # the form without JavaScript: the zip, or the problems
        async with _request_folder() as folder:
            found = await _settings(request, folder, band_ids)
            if isinstance(found, JSONResponse):
                return _problems_page(json.loads(found.body))
            try:
                async for kind, payload in pool.run(_build_task(*found, folder)):
                    if kind == "done":
                        return Response(payload, media_type="application/zip",
                                        headers={"Content-Disposition": f'attachment; filename="{_zip_name(folder)}"'})
                    if kind != "progress":
                        return _problems_page(_outcome(kind, payload))
            except TimeLimit as e:
                return _problems_page({"error": str(e)})

    @app.post("/api/build")
    async def build(request: Request):
        folder = _new_folder()
        try:
            found = await _settings(request, folder, band_ids)
            task = _build_task(*found, folder) if not isinstance(found, JSONResponse) else None
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if task is None:
            shutil.rmtree(folder, ignore_errors=True)
            return found

        async def stream():
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

        return StreamingResponse(stream(), media_type="application/x-ndjson")

    return app


def _catalogue() -> dict:
    """Return what the page offers: regions, and each band with its lessons (the shipped curriculum)."""
    loaded = pipeline.load(pipeline.BuildOptions())
    curriculum = loaded.curriculum
    regions = [(r.region, r.name, r.paper) for r in sorted(curriculum.regions.values(), key=lambda r: r.region)]
    specs = curriculum.sequences.bands
    bands = [(band.id, band.label, [(s.id, s.title) for s in specs.get(band.id) or specs[band.content_band]])
             for band in curriculum.bands.values()]
    return {"regions": regions, "bands": bands}


def _has_pdf() -> bool:
    """Return whether PDFs can be made here (LibreOffice is installed)."""
    try:
        return bool(soffice())
    except PdfUnavailable:
        return False


def _new_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="lessonpack-web-"))


@contextlib.asynccontextmanager
async def _request_folder():
    """A folder for one request's files, removed when it ends, however it ends."""
    folder = _new_folder()
    try:
        yield folder
    finally:
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


async def _settings(request: Request, folder: Path, band_ids: list[str]):
    """Write the form's settings (and its logo) into *folder* as my-school.yaml; return the bands
    and lessons asked for and the form, or a JSON response naming the field at fault."""
    data = await _form(request)
    bands = [b for b in data.getlist("bands") if isinstance(b, str)]
    lessons = [lesson for lesson in data.getlist("lessons") if isinstance(lesson, str)]
    values = {key: (data.getlist(key) if key in ("default_bands", "variants") else data.get(key)) for key in data.keys()}
    values["default_bands"] = bands
    logo = None
    upload = data.get("logo")
    if upload is not None and hasattr(upload, "read"):
        content = await upload.read()
        if content:
            try:
                logo = F.LOGO_FILE + check_logo(content)
            except UploadRefused as e:
                return JSONResponse({"fields": {"logo": [str(e)]}, "general": []}, 400)
            (folder / logo).write_bytes(content)
    try:
        extra = yaml.safe_load(str(data.get("extra") or "")) or {}
    except yaml.YAMLError:
        extra = {}
    extra = {k: v for k, v in extra.items() if k not in ("templates", "branding")} if isinstance(extra, dict) else {}
    config = F.to_config(values, band_ids, logo, extra)
    (folder / CONFIG).write_text(F.config_yaml(config), "utf-8")
    return bands, lessons, data


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
    lines = [f"{field}: {m}" for field, messages in answer.get("fields", {}).items() for m in messages]
    lines += answer.get("general", []) + ([answer["error"]] if answer.get("error") else [])
    return HTMLResponse(_PAGE.get_template("problems.html").render(lines=lines), 400)


def _outcome(kind: str, payload) -> dict:
    """Return a failed task's answer: its problems by field, or its one-line errors."""
    return _problems_json(payload) if kind == "problems" else {"error": "; ".join(payload)}


def _colour(data, key: str) -> str:
    value = str(data.get(key) or "").strip().lstrip("#")
    default = {"primary": "1F3864", "accent": "2E75B6"}[key]
    return value if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value) else default


def _build_task(bands: list[str], lessons: list[str], data, folder: Path) -> Task:
    formats = [f for f in data.getlist("formats") if f in pipeline.FORMATS] or ["pptx", "docx"]
    variants = [v for v in data.getlist("variants") if v in VARIANTS]
    return Task("build", folder, bands, lessons, formats, variants)


def _zip_name(folder: Path) -> str:
    config = yaml.safe_load((folder / CONFIG).read_text("utf-8")) or {}
    school = "".join(c if c.isalnum() else "-" for c in str(config.get("school") or "school").lower()).strip("-")
    return f"lessonpack-{school or 'school'}.zip"


def serve(host: str, port: int, workers: int | None, time_limit: float) -> None:
    """Run the app under uvicorn until interrupted."""
    import uvicorn
    uvicorn.run(create_app(workers, time_limit), host=host, port=port, log_level="info")

