"""The offline bundle: the courses and the wallet cards, both languages, as a zip a
trainer opens from disk.

Classrooms often have no internet, and the cards are printed there. The bundle holds every course and lesson page with
the site's assets; links are rewritten to name index.html (file:// shows no directory
index), and links to pages outside the bundle become absolute links to the public site,
which work whenever a connection exists. Search is left out: it needs a server.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from pathlib import Path

BUNDLE = "offline/courses-offline.zip"
SECTIONS = ("courses/", "cards/", "assets/", "en/courses/", "en/cards/", "en/assets/")
# Material's JavaScript fetches sitemap.xml beside every <link rel="alternate">: offline,
# those links (the feeds) would send it to the network.
ALTERNATE = re.compile(r'<link rel="alternate"[^>]*>\s*')
# Material's own search (lunr) is not used by this site.
UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"#?]*)(?P<rest>[#?][^"]*)?"')


def _included(path: str) -> bool:
    return path.startswith(SECTIONS) or path in ("index.html",)


def _rewrite(page: str, text: str, base_url: str) -> str:
    folder = posixpath.dirname(page)

    def fix(m: re.Match) -> str:
        url, rest = m.group("url"), m.group("rest") or ""
        if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
            return m.group(0)            # absolute, mailto:, tel:, data: or a bare #anchor
        target = posixpath.normpath(posixpath.join(folder, html.unescape(url)))
        is_dir = url.endswith("/") or url in (".", "..") or url.endswith("/.") or url.endswith("/..")
        target_file = posixpath.join(target, "index.html") if is_dir else target
        if target == ".":
            target_file = "index.html"
        if _included(target_file):
            new = url + ("index.html" if is_dir and url.endswith("/") else "/index.html" if is_dir else "")
        else:
            path = "" if target == "." else target + ("/" if is_dir else "")
            new = base_url + path
        return f'{m.group("attr")}="{new}{rest}"'
    return ATTR.sub(fix, ALTERNATE.sub("", text))


def write_bundle(site: Path, base_url: str, date_time: tuple) -> Path:
    """Zip the courses into site/offline/; entries sorted and dated, so builds stay identical."""
    target = site / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file()
                   and p.relative_to(site).as_posix().startswith(SECTIONS)
                   and not any(u in p.relative_to(site).as_posix() for u in UNUSED))
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(_info("index.html", date_time), _start_page(base_url))
        for file in files:
            rel = file.relative_to(site).as_posix()
            data = file.read_bytes()
            if file.suffix == ".html":
                data = _rewrite(rel, data.decode("utf-8"), base_url).encode("utf-8")
            z.writestr(_info(rel, date_time), data)
    return target


def _info(name: str, date_time: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _start_page(base_url: str) -> str:
    return ("<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            "<title>出国培训课程（离线版）· Pre-departure courses (offline)</title>"
            "<style>body{font:18px/1.6 sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}"
            "a{display:block;padding:.8rem 0;font-size:1.2em}</style>"
            "<h1>出国培训课程（离线版）<br>Pre-departure courses (offline)</h1>"
            "<a href=\"courses/index.html\">中文课程</a><a href=\"en/courses/index.html\" lang=\"en\">Courses in English</a>"
            f"<p><small>{html.escape(base_url)}</small></p></html>\n")
