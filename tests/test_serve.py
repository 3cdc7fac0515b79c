"""`lessonpack serve` as a safeguarding lead and a trust's IT use it: the real server, over HTTP,
and the real page in headless Chromium (Debian's), scanned with axe-core."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import socket
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import httpx
import pytest
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHOOL = {"school": "Hillside Academy", "dsl_name": "Ms R. Patel", "dsl_where": "Room 12, by the library",
          "bands": "11-14"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real server on a free port, its temporary files in a folder of its own."""
    yield from _serve(tmp_path_factory.mktemp("server-tmp"), tmp_path_factory.mktemp("server-log") / "log")


def _serve(tmp: Path, log: Path, *args: str):
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp)}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port), *args],
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(url + "/health").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the server did not start: " + log.read_text(errors="replace")[-2000:])
    try:
        yield url, tmp
    finally:
        process.terminate()
        process.wait(10)


def _png(width: int, height: int) -> bytes:
    """Return a PNG header claiming *width* x *height* pixels, with one tiny compressed row."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def test_the_server_binds_to_localhost_by_default_and_reports_its_health(server):
    url, _ = server
    assert httpx.get(url + "/health").json()["status"] == "ok"
    from generator.cli import serve

    defaults = {p.name: p.default for p in serve.params}
    assert (defaults["host"], defaults["port"]) == ("127.0.0.1", 8000)


def test_a_bad_colour_is_named_at_its_field_in_the_cli_wording(server, tmp_path):
    url, _ = server
    answer = httpx.post(url + "/api/check", data={**SCHOOL, "primary": "12345"}).json()
    (tmp_path / "s.yaml").write_text('branding:\n  primary: "12345"\n')
    cli = subprocess.run([sys.executable, "-m", "generator", "validate", "--config", str(tmp_path / "s.yaml")],
                         capture_output=True, text=True).stderr
    assert answer["fields"]["primary"][0] in cli and not answer["ok"]
    yellow = httpx.post(url + "/api/check", data={**SCHOOL, "primary": "FFD700"}).json()
    assert yellow["ok"] and "near-black #1A1A1A" in yellow["colours"]["primary"][0]


@pytest.mark.parametrize("logo, says", [
    (b"\x89PNG" + b"x" * (3 * 1024 * 1024), "too large"),
    (b"GIF89a this is not a picture", "not a PNG or JPEG"),
    (_png(60000, 60000), "pixels"),
])
def test_an_oversized_fake_or_bomb_logo_is_refused_with_a_clear_message(server, logo, says):
    url, _ = server
    response = httpx.post(url + "/api/build", data=SCHOOL, files={"logo": ("logo.png", logo, "image/png")})
    assert response.status_code in (400, 413)
    text = response.text
    assert says in text and "Traceback" not in text


def test_a_path_in_any_field_does_nothing(server):
    url, _ = server
    sneaky = {**SCHOOL, "school": "../../etc/passwd", "dsl_where": "/etc/shadow",
              "extra": "templates:\n  slides: /etc/passwd\n  text: /etc\nbranding:\n  logo: /etc/hostname\n"}
    response = httpx.post(url + "/download", data=sneaky, files={"logo": ("../../../../tmp/evil.png", b"", "image/png")})
    assert response.status_code == 200, response.text[:500]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert all(not n.startswith(("/", "..")) and "passwd" not in n and "evil" not in n for n in names)
    assert not Path("/tmp/evil.png").exists()
    saved = httpx.post(url + "/api/settings", data=sneaky).text
    assert "templates" not in saved and "/etc/hostname" not in saved


def test_eight_concurrent_builds_all_succeed_on_two_workers(server):
    url, _ = server

    async def burst():
        async with httpx.AsyncClient(timeout=300) as client:
            return await asyncio.gather(*(client.post(url + "/download", data={**SCHOOL, "school": f"School {n}",
                                                                                "formats": "pptx"}) for n in range(8)))

    responses = asyncio.run(burst())
    assert [r.status_code for r in responses] == [200] * 8
    assert all(zipfile.ZipFile(io.BytesIO(r.content)).testzip() is None for r in responses)


def test_no_response_carries_a_traceback(server):
    url, _ = server
    answers = [
        httpx.post(url + "/api/build", content=b"--x\r\nnot a form", headers={"content-type": "multipart/form-data; boundary=x"}),
        httpx.post(url + "/api/check", content=b"\xff" * 100, headers={"content-type": "application/x-www-form-urlencoded"}),
        httpx.post(url + "/api/load-settings", files={"settings": ("my-school.yaml", b"school: [unclosed", "text/yaml")}),
        httpx.post(url + "/api/load-settings", files={"settings": ("my-school.yaml", b"\x00\xff\xfe", "text/yaml")}),
        httpx.post(url + "/api/check", data={**SCHOOL, "lesson_minutes": "-5", "dates_11-14": "tomorrow"}),
        httpx.get(url + "/no-such-page"),
    ]
    for response in answers:
        assert response.status_code < 500 and "Traceback" not in response.text and 'File "' not in response.text


def test_a_build_stopped_by_its_time_limit_leaves_no_temporary_files(tmp_path):
    (tmp_path / "tmp").mkdir()
    for url, tmp in _serve(tmp_path / "tmp", tmp_path / "log", "--time-limit", "5", "--workers", "1"):
        everything = {**SCHOOL, "bands": ["9-11", "11-14", "14-16", "16-18"], "formats": ["pptx", "docx", "pdf"],
                      "variants": ["standard", "large-print", "dyslexia"]}
        response = httpx.post(url + "/api/build", data=everything, timeout=120)
        assert "longer than the server's limit of 5 s" in response.text.splitlines()[-1]
        time.sleep(1)
        assert not [p for p in tmp.rglob("*")], list(tmp.rglob("*"))[:5]
        assert httpx.post(url + "/download", data=SCHOOL, timeout=120).status_code == 200     # a fresh worker took over


def test_the_page_in_chromium_builds_a_pack_naming_the_dsl_and_reloads_its_settings(server, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, _ = server
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1600"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(tmp_path),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    wait = WebDriverWait(driver, 120)
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
        driver.get(url)
        driver.find_element(By.ID, "school").send_keys("Hillside Academy")
        driver.find_element(By.ID, "dsl_name").send_keys("Ms R. Patel")
        driver.find_element(By.ID, "dsl_where").send_keys("Room 12, by the library")
        colour = driver.find_element(By.ID, "primary")
        colour.send_keys("12345")
        error = driver.find_element(By.ID, "primary-error")
        wait.until(lambda d: error.is_displayed() and "six-digit hex colour" in error.text)
        assert colour.get_attribute("aria-invalid") == "true"
        assert "primary-error" in colour.get_attribute("aria-describedby")
        colour.clear()
        colour.send_keys("1F3864")
        wait.until(lambda d: not error.is_displayed())

        violations = _axe(driver)
        assert not [v for v in violations if v["impact"] in ("serious", "critical")], violations

        driver.find_element(By.ID, "download").click()
        pack = wait.until(lambda d: next(tmp_path.glob("lessonpack-*.zip"), None))
        wait.until(lambda d: not list(tmp_path.glob("*.crdownload")))
        with zipfile.ZipFile(pack) as archive:
            name = next(n for n in archive.namelist() if n.endswith("/handout.docx"))
            handout = Document(io.BytesIO(archive.read(name)))
            assert "manifest.json" in archive.namelist()
        assert "Ms R. Patel" in "\n".join(p.text for p in handout.paragraphs)

        driver.find_element(By.ID, "save").click()
        saved = wait.until(lambda d: (tmp_path / "my-school.yaml") if (tmp_path / "my-school.yaml").is_file() else None)
        driver.get(url)
        driver.find_element(By.ID, "settings").send_keys(str(saved))
        wait.until(lambda d: d.find_element(By.ID, "dsl_name").get_attribute("value") == "Ms R. Patel")
        assert driver.find_element(By.ID, "school").get_attribute("value") == "Hillside Academy"
        assert driver.find_element(By.ID, "dsl_where").get_attribute("value") == "Room 12, by the library"
        assert driver.find_element(By.ID, "primary").get_attribute("value") == "1F3864"
    finally:
        driver.quit()


def _axe(driver) -> list[dict]:
    """Return axe-core's violations (WCAG 2.2 A and AA) on the page as it is."""
    driver.execute_script(AXE.read_text("utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))));")


def test_the_page_offers_the_default_region_and_each_bands_lessons_as_planned(server):
    from generator import pipeline
    from generator.plan.packs import band_pack

    url, _ = server
    page = httpx.get(url).text
    loaded = pipeline.load(pipeline.BuildOptions())
    assert re.findall(r'<option value="(\w+)" data-paper="\w+" selected>', page) == [loaded.school.config.region]
    for band in loaded.curriculum.bands:
        for lesson in band_pack(loaded.curriculum, loaded.school, band).lessons:
            assert f'value="{band}/{lesson.id}"' in page


def test_a_bad_lesson_date_is_named_at_its_bands_dates_field(server):
    url, _ = server
    answer = httpx.post(url + "/api/check", data={**SCHOOL, "dates_11-14": "2027-01-12, 2027-13-01"}).json()
    assert list(answer["fields"]) == ["dates_11-14"] and "YYYY-MM-DD" in answer["fields"]["dates_11-14"][0]


def test_without_javascript_the_problems_page_names_fields_as_the_page_does(server):
    url, _ = server
    response = httpx.post(url + "/download", data={**SCHOOL, "primary": "12345"})
    assert response.status_code == 400
    assert "Main colour: &#39;12345&#39; is not in the expected form" in response.text
    assert "branding.primary" not in response.text


def test_a_preview_renders_only_its_lesson_not_the_bands_letters(tmp_path, monkeypatch):
    from generator import pipeline
    from generator.serve import tasks

    rendered = []
    real = pipeline.render

    def render(loaded, planned, options):
        artefacts, checks = real(loaded, planned, options)
        rendered.extend(artefacts)
        return artefacts, checks

    monkeypatch.setattr(pipeline, "render", render)
    (tmp_path / tasks.CONFIG).write_text("school: Hillside Academy\ndsl:\n  name: Ms R. Patel\n", "utf-8")
    pictures, note = tasks.preview(tasks.Task("preview", tmp_path, ["11-14"]))
    assert pictures and "LibreOffice" in note
    assert rendered and all(a.lesson for a in rendered), sorted({a.kind for a in rendered if not a.lesson})


def test_the_page_offers_every_export_and_its_zip_holds_them_as_the_cli_writes_them(server):
    from generator import pipeline

    url, _ = server
    page = httpx.get(url).text
    assert all(f'name="formats" value="{f}"' in page for f in pipeline.EXPORTS)
    response = httpx.post(url + "/download", data={**SCHOOL, "formats": ["imscc", "kahoot"]}, timeout=120)
    assert response.status_code == 200, response.text[:500]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))
    assert "11-14/11-14.imscc" in names and {a["format"] for a in manifest["artefacts"]} == {"imscc", "kahoot"}
    assert names == {"manifest.json"} | {a["path"] for a in manifest["artefacts"]}
    assert sum(n.endswith("/quiz-kahoot.xlsx") for n in names) == len(page.split('value="11-14/')) - 1
