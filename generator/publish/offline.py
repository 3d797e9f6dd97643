"""The offline bundle: the courses and the wallet cards, both languages, as a zip a
trainer opens from disk.

Classrooms often have no internet, and the cards are printed there. The bundle holds every
course and lesson page with the site's assets, in one folder (courses-offline/) so that
unpacking it leaves nothing loose beside the trainer's other files. Links are rewritten
to name index.html (file:// shows no directory index); links to pages outside the bundle
become absolute links to the public site, which work whenever a connection exists, and
carry `data-lx-online` so site.css marks them as needing one. Both language homes lead to
the bundle's own start page. Search needs a server: the header's search link is hidden.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from pathlib import Path

BUNDLE = "offline/courses-offline.zip"
FOLDER = "courses-offline"            # every entry of the zip lives in this one folder
SECTIONS = ("courses/", "cards/", "assets/", "en/courses/", "en/cards/", "en/assets/")
HOMES = ("index.html", "en/index.html")   # the language homes: offline, the start page
# Material's JavaScript fetches sitemap.xml beside every <link rel="alternate">: offline,
# those links (the feeds) would send it to the network.
ALTERNATE = re.compile(r'<link rel="alternate"[^>]*>\s*')
# Material's own search (lunr) is not used by this site.
UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"#?]*)(?P<rest>[#?][^"]*)?"')
NEEDS_SERVER = re.compile(r"\bdata-lx-needs-server\b")   # theme/overrides/partials/alternate.html


def _included(path: str) -> bool:
    return path.startswith(SECTIONS) or path in HOMES


def _rewrite(page: str, text: str, base_url: str, online: str) -> str:
    folder = posixpath.dirname(page)
    mark = f' data-lx-online="{html.escape(online)}"'

    def fix(m: re.Match) -> str:
        url, rest, attr = m.group("url"), m.group("rest") or "", m.group("attr")
        if re.match(r"^https?://", url, re.I) and attr == "href":
            return m.group(0) + mark     # a source or another site: needs a connection too
        if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
            return m.group(0)            # mailto:, tel:, data: or a bare #anchor
        target = posixpath.normpath(posixpath.join(folder, html.unescape(url)))
        is_dir = url.endswith("/") or url in (".", "..") or url.endswith("/.") or url.endswith("/..")
        target_file = posixpath.join(target, "index.html") if is_dir else target
        if target == ".":
            target_file = "index.html"
        if target_file in HOMES:
            return f'{attr}="{posixpath.relpath("index.html", folder or ".")}{rest}"'
        if _included(target_file):
            new = url + ("index.html" if is_dir and url.endswith("/") else "/index.html" if is_dir else "")
            return f'{attr}="{new}{rest}"'
        path = "" if target == "." else target + ("/" if is_dir else "")
        return f'{attr}="{base_url}{path}{rest}"' + (mark if attr == "href" else "")
    text = NEEDS_SERVER.sub("hidden data-lx-needs-server", ALTERNATE.sub("", text))
    return ATTR.sub(fix, text)


def write_bundle(site: Path, base_url: str, date_time: tuple, online: dict[str, str]) -> Path:
    """Zip the courses into site/offline/; entries sorted and dated, so builds stay identical.
    `online`: per language, the words that mark a link as needing a connection."""
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
                lang = "en" if rel.startswith("en/") else "zh"
                data = _rewrite(rel, data.decode("utf-8"), base_url, online[lang]).encode("utf-8")
            z.writestr(_info(rel, date_time), data)
    return target


def _info(name: str, date_time: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=date_time)
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
