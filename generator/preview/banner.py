"""What `serve` adds to the pages it previews, and only there: banners with the problems
`check` would print, and a small script that reloads the page after a rebuild.

Pure functions from problems and labels to HTML; serve.py puts them into pages as it sends
them, so nothing here can reach the files of a public build.
"""
from __future__ import annotations

import html
import re

from generator.source.labels import Catalogue
from generator.problems import Problem, summary

RELOAD_PATH = "/__preview__/reload.js"
GENERATION_PATH = "/__preview__/generation"
JOB_URL = re.compile(r"^/(?:(?P<lang>en)/)?jobs/(?P<id>[a-z0-9][a-z0-9_-]*)/(?:index\.html)?$")
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">')
BODY = re.compile(r"<body\b[^>]*>")
HEAD = re.compile(r"<head\b[^>]*>")

# When even the labels could not be read (a broken theme/i18n file), say it plainly.
FALLBACK = {"staff_banner_failed_title": "预览未更新 / Preview not updated",
            "staff_banner_failed_intro": "请改正以下问题 / Fix these problems:",
            "staff_banner_only_preview": "此提示只在本地预览中显示 / Shown only in the local preview.",
            "staff_banner_refused_title": "此招聘信息不会发布 / This job order would NOT be published",
            "staff_banner_refused_intro": "请改正以下问题 / Fix these problems:",
            "staff_banner_incomplete_title": "此招聘信息还没填完，不会发布 / This job order is not complete",
            "staff_banner_incomplete_intro": "请改正以下问题 / Fix these problems:",
            "staff_banner_home": "首页 / Home"}

RELOAD_JS = """// serve only: reload the page when the preview has been rebuilt.
(function () {
  var seen = null;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (g) {
      if (seen !== null && g !== seen) { location.reload(); return; }
      seen = g; setTimeout(poll, 1500);
    }).catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
""" % GENERATION_PATH


def job_of(url_path: str) -> tuple[str | None, str]:
    """(job id, language) of a job page's URL path, or (None, language)."""
    m = JOB_URL.match(url_path)
    lang = "en" if url_path.startswith("/en/") else "zh"
    return (m.group("id") if m else None), lang


def _label(t: Catalogue | None, key: str) -> str:
    if t is not None and key in t.labels:
        return t(key)
    return FALLBACK[key]


def _items(problems: list) -> str:
    """Each problem exactly as `check` prints it: `file:line: field: what — fix`, in
    Chinese and then English; plain strings (a build failure's text) as they are."""
    out = []
    for p in sorted(problems, key=lambda x: (0, x) if isinstance(x, Problem) else (1, str(x))):
        text = p.format() if isinstance(p, Problem) else str(p)
        out.append("<li>" + "<br>".join(html.escape(line) for line in text.splitlines()) + "</li>")
    return "".join(out)


def banner(kind: str, problems: list, t: Catalogue | None) -> str:
    """kind: "refused" (this order would not be published), "incomplete" (this order's
    file cannot be used yet: the rest of the preview is up to date) or "failed" (the last
    rebuild failed: the page is the last good preview)."""
    counted = [p for p in problems if isinstance(p, Problem)]
    count = f"<p>{html.escape(summary(counted))}</p>" if counted else ""
    return (f'<div class="admonition danger lx-preview-banner" data-preview-banner="{kind}" role="alert">'
            f'<p class="admonition-title">{html.escape(_label(t, f"staff_banner_{kind}_title"))}</p>'
            f"<p>{html.escape(_label(t, f'staff_banner_{kind}_intro'))}</p>"
            f'<ul class="lx-preview-problems">{_items(problems)}</ul>{count}'
            f"<p><small>{html.escape(_label(t, 'staff_banner_only_preview'))}</small></p></div>")


def inject(page: str, banners: list[str]) -> str:
    """Banners at the top of the page's content (or of its body), the reload script at the end."""
    block = "".join(banners)
    if block:
        m = ARTICLE.search(page) or BODY.search(page)
        page = page[:m.end()] + block + page[m.end():] if m else block + page
    script = f'<script src="{RELOAD_PATH}" defer></script>'
    at = page.rfind("</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


def in_frame(page: str, url: str, banners: list[str]) -> str | None:
    """Another page of the site (its header, navigation and styles), served from `url`,
    with its content replaced by the banners: for an order whose file cannot be used yet,
    so it has no page of its own. <base> keeps the frame's relative links working."""
    m, head = ARTICLE.search(page), HEAD.search(page)
    end = page.find("</article>", m.end()) if m else -1
    if not (m and head and end >= 0):
        return None
    return (page[:head.end()] + f'<base href="{html.escape(url)}">' + page[head.end():m.end()]
            + "".join(banners) + page[end:])


def standalone(lang: str, title: str, banners: list[str], t: Catalogue | None) -> str:
    """A bare page for what has no page of its own in the preview (an order that cannot be
    rendered, or no successful build yet)."""
    home = "/en/" if lang == "en" else "/"
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title></head><body>{''.join(banners)}"
            f'<p><a href="{home}">{html.escape(_label(t, "staff_banner_home"))}</a></p></body></html>')
