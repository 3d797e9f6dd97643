"""The floor: plain mkdocs-material builds of the pages we render, with nothing of ours.

From the staged Markdown of render_stage (the very pages our build hands MkDocs), one
minimal mkdocs.yml per language: theme material in that language, the search plugin with
the same lang, the same Markdown extensions (they are Python-Markdown's and decide how
the same pages parse), no custom_dir, no extra CSS or JavaScript, no hooks or plugins of
ours. Nav: only the home page. With no `nav` at all MkDocs would list every page in every
page's sidebar, which makes the build quadratic in the number of pages: that is not a
lower bound of anything, so the floor lists the home page and leaves the rest out of the nav.
Front matter: only `title` and `description` are kept; the other keys are ours (read
by our templates and hooks), and Material would misread some (our `search: true` is not
its `search:` mapping). The two languages are built one after the other.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

KEPT = ("title", "description")


def plain_front_matter(docs: Path) -> int:
    """Reduce every page's front matter to the keys Material itself reads; return the count."""
    count = 0
    for page in docs.rglob("*.md"):
        text = page.read_text("utf-8")
        if not text.startswith("---\n"):
            continue
        end = text.index("\n---\n", 4)
        meta = yaml.safe_load(text[4:end]) or {}
        kept = "".join(f"{k}: {json.dumps(meta[k], ensure_ascii=False)}\n" for k in KEPT if k in meta)
        page.write_text("---\n" + kept + text[end + 1:], "utf-8")
        count += 1
    return count


def floor_configs(staged: Path, staged_from: str, out: Path) -> dict[str, Path]:
    """Write a minimal mkdocs.<lang>.yml per language beside the staged pages."""
    configs = {}
    for ours_cfg in sorted(staged.glob("mkdocs.*.yml")):
        ours = json.loads(ours_cfg.read_text("utf-8"))
        lang = ours["theme"]["language"]
        search_lang = lang
        for plugin in ours.get("plugins", []):
            if isinstance(plugin, dict) and "search" in plugin:
                search_lang = (plugin["search"] or {}).get("lang", lang)
        docs = staged / Path(ours["docs_dir"]).relative_to(staged_from)
        plain_front_matter(docs)
        config = {
            "site_name": ours["site_name"],
            "docs_dir": str(docs),
            "site_dir": str(out / lang),
            "theme": {"name": "material", "language": lang},
            "plugins": [{"search": {"lang": search_lang}}],
            "markdown_extensions": ours.get("markdown_extensions", []),
            "nav": [{"Home": "index.md"}],
            "not_in_nav": "/*/**\n",
            "validation": {"omitted_files": "ignore", "absolute_links": "ignore",
                           "unrecognized_links": "ignore", "not_found": "ignore"},
        }
        path = staged / f"floor.{lang}.yml"
        path.write_text(json.dumps(config, ensure_ascii=False, indent=1), "utf-8")
        configs[lang] = path
    return configs
