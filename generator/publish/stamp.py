"""Job pages and vacancy lists stamped into the theme's page shell instead of being
rendered by MkDocs one by one.

These are the pages whose number grows with the orders (a province has thousands). MkDocs
spends about 8 ms on each, parsing our finished HTML back and rendering Material's
templates around it, while every job page of one kind gets the same frame around a
different title, description, path and body. So MkDocs renders one *shell* page per kind
(same depth, same front matter flags, placeholder title, description, path and body), and
each page is the shell with the placeholders filled in: about 0.1 ms a page.

Safety: one real page of each kind (the *canary*) still goes through MkDocs, and the build
fails if its stamped twin differs by one byte. sitemap.xml gets the stamped pages' entries
from the shell's entry, in the order MkDocs itself sorts pages, so the site is the same
file for file as when MkDocs rendered everything (tests/test_stamp.py).
"""
from __future__ import annotations

import gzip
import html
import pickle
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from generator.problems import BuildFailed, msg
from generator.render.renderer import Page

TITLE, DESCRIPTION, BODY = "LxStampTitle", "LxStampDescription", "LxStampBody"
SHELL_DIR = "lx-stamp-shell-"
# Only plain path segments: the path is put into URLs as it is, never quoted.
_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Kind:
    """What decides the frame MkDocs puts around a page, except its texts and path."""
    depth: int
    listed: bool
    searchable: bool
    scripts: tuple
    styles: tuple
    hide: tuple
    has_h1: bool     # Material adds an <h1> with the title only when the body has none


def stampable(page: Page) -> bool:
    """Order pages and the static lists (jobs/…/), the pages that grow with the orders."""
    parts = page.path.rstrip("/").split("/")
    return (page.path.startswith("jobs/") and page.path != "jobs/" and page.path.endswith("/")
            and all(_SEGMENT.match(p) for p in parts))


def kind(page: Page) -> Kind:
    return Kind(page.path.count("/"), page.listed, page.searchable, page.scripts, page.styles, page.hide,
                "<h1" in page.body)


@dataclass
class Plan:
    """What MkDocs renders (`mkdocs_pages`: hand-written pages, one shell and one canary
    per kind) and what is stamped afterwards: the other pages wait on disk in `spool`, so
    a language's thousands of page bodies are not held in memory through MkDocs and the
    search index."""
    mkdocs_pages: list
    shells: dict        # Kind → shell Page
    canaries: dict      # Kind → the kind's first page, rendered by MkDocs as well
    spool: Path         # (Kind, Page) pickled one after the other, in page order
    count: int          # pages stamped, canaries included
    total: int          # every page of the language


def plan(pages, spool: Path) -> Plan:
    keep, canaries, count = [], {}, 0
    with open(spool, "wb") as f:
        for page in pages:
            if not stampable(page):
                keep.append(page)
                continue
            count += 1
            k = kind(page)
            if k in canaries:
                pickle.dump((k, page), f, protocol=pickle.HIGHEST_PROTOCOL)
            else:
                canaries[k] = page
    total = len(keep) + count
    shells = {}
    for i, (k, canary) in enumerate(sorted(canaries.items(), key=lambda kv: kv[1].path)):
        shells[k] = replace(canary, path=_shell_path(i, k.depth), title=TITLE, description=DESCRIPTION,
                            body=_shell_body(k))
        keep.append(canary)
    return Plan(keep + list(shells.values()), shells, canaries, spool, count, total)


def pages(plan_: Plan):
    """Every page of the language, once: MkDocs' own (shells left out), then the stamped
    ones from the spool. Read it before `fill`, which removes the spool."""
    shells = {id(p) for p in plan_.shells.values()}
    yield from (p for p in plan_.mkdocs_pages if id(p) not in shells)
    yield from (page for _, page in spooled(plan_.spool))


def spooled(spool: Path):
    """The (Kind, Page) pairs waiting in a spool file, in order."""
    with open(spool, "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def _shell_path(i: int, depth: int) -> str:
    # Inside jobs/ like the pages it stands for, at their depth: the links to the nav's
    # sections, relative to the page, come out the same.
    return f"jobs/{SHELL_DIR}{i}/" + "s/" * (depth - 2)


def _shell_body(k: Kind) -> str:
    # A block element, so Python-Markdown keeps it as raw HTML, as it keeps our bodies.
    return f"<div><h1>{BODY}</h1></div>" if k.has_h1 else f"<div>{BODY}</div>"


class _Shell:
    """One rendered shell, cut at its placeholders."""

    def __init__(self, html: str, shell: Page, k: Kind):
        self.tokens = {TITLE: "title", DESCRIPTION: "description", _shell_body(k): "body", shell.path: "path"}
        pattern = re.compile("|".join(re.escape(t) for t in sorted(self.tokens, key=len, reverse=True)))
        self.parts = pattern.split(html)
        self.slots = [self.tokens[m] for m in pattern.findall(html)]
        if self.slots.count("body") != 1:
            raise BuildFailed(_differs(shell.path))

    def fill(self, page: Page) -> str:
        values = {"title": _escape(page.title), "description": _escape(page.description), "body": page.body,
                  "path": page.path}
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:]):
            out.append(values[slot])
            out.append(part)
        return "".join(out)


def _escape(text: str) -> str:
    # As renderer.front_matter hands titles to MkDocs: escaped once (Material does not escape them).
    return html.escape(text)


def fill(out_dir: Path, plan_: Plan) -> None:
    """Write every stamped page into MkDocs' output for one language, check each canary
    against MkDocs' own rendering, remove the shells and complete sitemap.xml."""
    shells, entries = {}, {}
    for k, shell_page in plan_.shells.items():
        shell = shells[k] = _Shell((out_dir / shell_page.path / "index.html").read_text("utf-8"), shell_page, k)
        canary = plan_.canaries[k]
        if shell.fill(canary) != (out_dir / canary.path / "index.html").read_text("utf-8"):
            raise BuildFailed(_differs(canary.path))
        entries[shell_page.path] = []
    for k, page in spooled(plan_.spool):
        target = out_dir / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shells[k].fill(page), encoding="utf-8")
        entries[plan_.shells[k].path].append(page.path)
    for shell_page in plan_.shells.values():
        shutil.rmtree(out_dir / "/".join(shell_page.path.split("/")[:2]))
    plan_.spool.unlink()
    _complete_sitemap(out_dir, entries)


_ENTRY = re.compile(r"<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>")


def _complete_sitemap(out_dir: Path, stamped: dict[str, list[str]]) -> None:
    """Add the stamped pages to MkDocs' sitemap.xml (and .gz) where MkDocs would have put
    them, and drop the shells: each stamped entry is its shell's entry with the path filled in."""
    xml = out_dir / "sitemap.xml"
    text = xml.read_text("utf-8")
    found = list(_ENTRY.finditer(text))
    if not found:
        return
    head, tail = text[:found[0].start()], text[found[-1].end():]
    gaps = {text[a.end():b.start()] for a, b in zip(found, found[1:])}
    gap = gaps.pop() if len(gaps) == 1 else "\n  "
    loc = _LOC.search(found[0].group()).group(1)        # the language root comes first
    entries, shells = [], {}
    for m in found:
        path = _LOC.search(m.group()).group(1)[len(loc):]
        if SHELL_DIR in path:
            shells[path] = m.group()
        else:
            entries.append((path, m.group()))
    for shell_path, paths in stamped.items():
        if shell_path in shells:
            entries += [(p, shells[shell_path].replace(shell_path, p)) for p in paths]
    # MkDocs walks the docs folder in sorted order, each folder's index first: that is
    # the order of the paths' segment tuples.
    entries.sort(key=lambda e: tuple(s for s in e[0].split("/") if s))
    new = head + gap.join(e for _, e in entries) + tail
    xml.write_text(new, encoding="utf-8")
    gz = out_dir / "sitemap.xml.gz"
    if gz.is_file():
        # As MkDocs writes it, with the timestamp it chose (SOURCE_DATE_EPOCH).
        mtime = int.from_bytes(gz.read_bytes()[4:8], "little")
        with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb", mtime=mtime) as z:
            z.write(new.encode("utf-8"))


def _differs(path: str) -> tuple[str, str]:
    return msg(f"页面 {path} 的套版结果与 MkDocs 生成的不同", "原来的网站保持不变；请把此消息交给网站维护人员",
               f"the stamped page {path} differs from MkDocs' own rendering",
               "the previous site is unchanged; send this message to whoever maintains the site")
