"""Stage rendered pages as a MkDocs project per language and build each with MkDocs.

One MkDocs build per language, as Material recommends: each language gets its own search
index, and the two builds run side by side on two cores. The Chinese site is the root,
the English one lives under en/.
"""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from generator.source.labels import Catalogue
from generator.library_messages import os_error, tool_detail, tool_failed
from generator.source.load import Tree
from generator.problems import BuildFailed
from generator.render.renderer import LANG_PREFIX, PAGE_ORDER, Page, front_matter


def _nav(t: Catalogue, slugs) -> list:
    """The sections only: job, lesson and destination pages stay out of the sidebar
    (MkDocs' automatic nav would put a province's thousands of orders in every page)."""
    nav = [{t("nav_home"): "index.md"}, {t("nav_jobs"): "jobs/index.md"},
           {t("nav_destinations"): "destinations/index.md"}, {t("nav_courses"): "courses/index.md"}]
    return nav + [{t(f"nav_pages_{slug}"): f"{slug}/index.md"} for slug in PAGE_ORDER if slug in slugs]


def mkdocs_config(tree: Tree, lang: str, t: Catalogue, theme_dir: Path, docs_dir: Path, out_dir: Path) -> dict:
    site = tree.site
    root = site.site.base_url
    e = html.escape    # MkDocs templates do not autoescape: texts from YAML go in escaped
    return {
        "site_name": e(site.site.name[lang]),
        "site_url": root + LANG_PREFIX[lang],
        "site_description": e(t("home_intro")),
        "docs_dir": str(docs_dir),
        "site_dir": str(out_dir),
        "use_directory_urls": True,
        "copyright": e(f"{site.site.name[lang]} · {t('hotline')} {site.centre.hotline} · "
                       f"{t('complaints')} {site.centre.complaints}"),
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir / "overrides"),
            "language": lang,
            "font": False,                # Google Fonts is unreachable for many readers
            "features": ["navigation.top", "navigation.footer"],
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
        },
        "extra": {
            # Truthy but not iterable: Material's header then includes our alternate.html,
            # while base.html emits no language-root alternates (main.html emits per page).
            "alternate": True,
            "root_url": root,
            "lang_prefix": LANG_PREFIX,
            "other_lang": "en" if lang == "zh" else "zh",
            "other_lang_name": t("other_lang_name"),
            "switch_language": t("switch_language"),
            "search_label": t("search_title"),
            "generator": False,
        },
        "extra_css": ["assets/site.css", "assets/quiz.css"],
        "extra_javascript": ["assets/site.js"],
        # Site search is Pagefind (search/ page, chunks loaded on demand), run once over
        # the finished site; Material's own search would send the whole index to a phone.
        "plugins": [],
        # Page bodies arrive as finished, sanitised HTML; Markdown extensions would only
        # parse it again (md_in_html alone was a third of MkDocs' time at 1,000 orders).
        "markdown_extensions": [],
        "nav": _nav(t, tree.pages),
        "not_in_nav": "/jobs/*/**\n/destinations/*/**\n/courses/*/**\n",
        "validation": {"omitted_files": "ignore", "absolute_links": "ignore", "unrecognized_links": "ignore"},
    }


def staged_files(pages: list[Page], lang: str, other: str, files: dict[str, str]) -> dict[str, str]:
    """What MkDocs reads for one language: path in docs_dir → text. Pages become
    Markdown with front matter; data files (feeds, indexes) are copied as they are."""
    out = {f"{page.path}index.md": front_matter(page, lang, other) + "\n" + page.body + "\n" for page in pages}
    out.update(files)
    return out


def stage(stage_dir: Path, lang: str, pages: list[Page], config: dict, files: dict[str, str] = {}) -> Path:
    """Write one language's docs and mkdocs.yml; return the config path."""
    docs = Path(config["docs_dir"])
    for name, text in staged_files(pages, lang, config["extra"]["other_lang"], files).items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return stage_config(stage_dir, lang, config)


def stage_config(stage_dir: Path, lang: str, config: dict) -> Path:
    cfg = stage_dir / f"mkdocs.{lang}.yml"
    # JSON is YAML: no chance of a site name breaking the config's syntax.
    text = json.dumps(config, ensure_ascii=False, indent=1)
    if not cfg.is_file() or cfg.read_text("utf-8") != text:
        cfg.parent.mkdir(parents=True, exist_ok=True)
        cfg.write_text(text, encoding="utf-8")
    return cfg


def build_all(configs: list[Path], env: dict, then=None) -> None:
    """Build each language in its own thread of subprocesses, both at once: MkDocs, then
    `then(i)` for the i-th config (stamping and the search index for that language) as soon as that language is done, so one
    language's indexing overlaps the other's MkDocs build. Raise with output on failure."""
    failures: list[BuildFailed] = []

    def one(i: int, cfg: Path) -> None:
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **env})
        if proc.returncode != 0:
            failures.append(BuildFailed(tool_failed("MkDocs", config_lang(cfg)),
                                        tool_detail(proc.stdout.decode("utf-8", "replace"))))
        elif then is not None:
            try:
                then(i)
            except BuildFailed as exc:
                failures.append(exc)
            except OSError as exc:
                # Stamping and indexing write thousands of files: a full disk must fail the
                # build (nothing is swapped in), with our message, not kill this thread.
                failures.append(BuildFailed(os_error(exc, "无法写入网站文件", "could not write the site's files")))

    threads = [threading.Thread(target=one, args=(i, cfg)) for i, cfg in enumerate(configs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0] if len(failures) == 1 else BuildFailed(
            failures[0].text, "\n".join(f"{f.text[1]}\n{f.detail}" for f in failures))


def config_lang(cfg: Path) -> str:
    """The language of a staged config, from its name mkdocs.<lang>.yml."""
    return Path(cfg).suffixes[0].lstrip(".") if Path(cfg).suffixes else ""
