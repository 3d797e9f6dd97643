"""The offline bundle as a trainer meets it without a connection (issue 17, item 13): it
unpacks into one folder, its links stay inside it except to pages it does not hold, those
are marked as needing a connection, and the header's search (which needs a server) is gone."""
from __future__ import annotations

import posixpath
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.publish.offline import FOLDER

ONLINE = ("需联网", "needs a connection")


@pytest.fixture(scope="module")
def unpacked(built_site, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(built_site / "offline/courses-offline.zip") as z:
        z.extractall(folder)
    return folder


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href") is not None:
            self.links.append(dict(attrs))


def test_the_zip_unpacks_into_one_folder(built_site, unpacked):
    with zipfile.ZipFile(built_site / "offline/courses-offline.zip") as z:
        tops = {name.split("/")[0] for name in z.namelist()}
    assert tops == {FOLDER}
    assert [p.name for p in unpacked.iterdir()] == [FOLDER]
    assert (unpacked / FOLDER / "index.html").is_file()


def test_links_leave_the_bundle_only_for_pages_it_lacks_and_say_so(unpacked):
    root = unpacked / FOLDER
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 20
    marked = 0
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        folder = page.parent.relative_to(root).as_posix()
        for a in parser.links:
            href = a["href"]
            if href.startswith(("http://", "https://")):
                assert a.get("data-lx-online") in ONLINE, f"{page.relative_to(root)}: {href} is not marked"
                marked += 1
            elif href.startswith(("#", "tel:", "mailto:", "javascript:")) or not href:
                continue
            else:
                path = href.split("#")[0].split("?")[0]
                target = posixpath.normpath(posixpath.join(folder, path))
                assert (root / target).is_file(), f"{page.relative_to(root)}: {href} leads nowhere offline"
                assert "data-lx-online" not in a
    assert marked


@pytest.mark.browser
@pytest.mark.parametrize("lang,courses", [("", "出国培训"), ("en/", "Pre-departure training")])
def test_menu_and_header_work_from_file(browser, unpacked, lang, courses):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    start = unpacked / FOLDER / lang / "courses/pre-departure-core/border-and-customs/index.html"
    page.goto(start.as_uri())
    assert page.locator(".lx-search-link").count() == 1 and page.locator(".lx-search-link").is_hidden()
    # a menu link to a page that is not in the bundle says it needs a connection
    jobs = page.locator(".md-sidebar--primary a.md-nav__link[data-lx-online]").first
    assert jobs.evaluate("e => getComputedStyle(e, '::after').content") != "none"
    assert any(m in jobs.evaluate("e => getComputedStyle(e, '::after').content") for m in ONLINE)
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=courses).first.click()
    page.wait_for_load_state("load")
    assert page.url == (unpacked / FOLDER / lang / "courses/index.html").as_uri()
    assert page.locator(".lx-card__title").count() > 0
    page.locator(".md-sidebar--primary a.md-nav__link").first.click()     # home: the bundle's start page
    page.wait_for_load_state("load")
    assert page.url == (unpacked / FOLDER / "index.html").as_uri()
    context.close()
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []
