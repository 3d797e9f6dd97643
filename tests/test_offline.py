"""The offline bundle: courses open from file:// with no server and no network."""
from __future__ import annotations

import zipfile

import pytest

from conftest import ARTIFACTS


@pytest.fixture(scope="module")
def bundle(built_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built_site / "offline/courses-offline.zip") as z:
        z.extractall(folder)
    return folder / "courses-offline"     # the zip unpacks into one folder


def test_bundle_holds_every_course_page_in_both_languages(built_site, bundle):
    for prefix in ("", "en/"):
        online = sorted(p.relative_to(built_site).as_posix() for p in (built_site / prefix / "courses").rglob("index.html"))
        assert online
        for rel in online:
            assert (bundle / rel).is_file(), rel
    assert (bundle / "index.html").is_file()


def test_bundle_is_deterministic(built_site, tmp_path, cli):
    from conftest import ROOT, TODAY
    out = tmp_path / "again"
    assert cli("--root", ROOT, "build", "--out", out, "--today", TODAY)[0] == 0
    assert (out / "offline/courses-offline.zip").read_bytes() == (built_site / "offline/courses-offline.zip").read_bytes()


@pytest.mark.browser
def test_lessons_open_from_file_with_no_network(browser, bundle):
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((bundle / "index.html").as_uri())
    page.click("text=中文课程")
    page.locator(".lx-card__title").first.click()
    page.locator(".lx-lessons a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.endswith("/index.html")
    assert page.locator(".lx-plan").is_visible()
    page.locator("[data-lx-lang-switch]").click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and "/en/courses/" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "offline-lesson-en.png"))
    context.close()
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []
