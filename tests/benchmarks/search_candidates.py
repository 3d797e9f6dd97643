"""Search candidates side by side, in Chromium, against substring truth.

    python -m tests.benchmarks.search_candidates SITE [--pagefind] [--out FILE]

SITE is a built site (e.g. of tests/benchmarks/generate.py make_tree). The truth is the
text of every searchable page (its data-pagefind-body, without data-pagefind-ignore
blocks), read here with html.parser, independently of the index's own reader. The
queries are those workers type: exact titles, parts of titles, single characters, place
+ trade without a space, and English words. For each candidate: recall per query (found
∩ truth / truth), how many of the first five results hold every part of the query, and
what a phone downloads for its first query and for each further one (gzip -6 of every
response: the site's server compresses JSON and JS).

Candidates: `ours` (search.js on generator/publish/search_index.py) and, with
--pagefind, Pagefind 1.5 (extended) run over the same pages, as the site used before.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

PLACES = ["新加坡", "日本", "阿尔及利亚", "阿联酋", "迪拜", "广东", "东莞"]
TRADES = ["焊工", "电焊工", "钢筋工", "木工", "缝纫工", "装配工", "质检员", "加工工", "架子工"]
EN_WORDS = ["welder", "weld", "carpenter", "rebar", "assembler", "singapore", "passport", "seafood", "tiler"]


class _Body(HTMLParser):
    """Text inside data-pagefind-body, outside data-pagefind-ignore, scripts and styles."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.parts = [], []

    # What a reader sees as separate lines or cells: text on either side is not one word.
    BLOCK = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "br", "dt", "dd",
             "table", "ul", "ol", "header", "footer", "nav", "summary", "details", "blockquote", "pre", "hr",
             "form", "label", "button", "option", "caption", "figcaption", "article", "aside"}

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")
        if tag in self.VOID:
            return
        names = {k for k, _ in attrs}
        self.stack.append((tag, "data-pagefind-body" in names, "data-pagefind-ignore" in names or tag in
                           ("script", "style", "svg")))

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.parts.append("\n")
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(b for _, b, _ in self.stack) and not any(i for _, _, i in self.stack):
            self.parts.append(data)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def body_texts(site: Path, prefix: str) -> dict[str, tuple[str, str]]:
    """path in the language root → (title, folded body text) of every searchable page."""
    root = site / prefix if prefix else site
    out = {}
    for page in sorted(root.rglob("index.html")):
        rel = page.parent.relative_to(root).as_posix()
        if not prefix and rel.split("/")[0] == "en":
            continue
        html = page.read_text("utf-8")
        if "data-pagefind-body" not in html:
            continue
        p = _Body()
        p.feed(html)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        out["" if rel == "." else rel + "/"] = (re.sub(r"<[^>]+>", "", title[1]).strip() if title else "",
                                                 fold("".join(p.parts)))
    return out


def queries(texts: dict, lang: str, seed: int = 13) -> list[tuple[str, str, list[str]]]:
    """(kind, query, parts): a page is relevant when its text holds every part."""
    rng = random.Random(seed)
    if lang == "en":
        return [("word", w, [w]) for w in EN_WORDS]
    titles = sorted({t for p, (t, _) in texts.items() if p.startswith("jobs/") and t})
    out = [("exact title", t, [t]) for t in rng.sample(titles, min(12, len(titles)))]
    for t in rng.sample(titles, min(12, len(titles))):
        chars = re.sub(r"[^\u4e00-\u9fff]", "", t)
        if len(chars) >= 3:
            n = rng.randint(2, min(4, len(chars) - 1))
            i = rng.randint(0, len(chars) - n)
            out.append(("part of a title", chars[i:i + n], [chars[i:i + n]]))
    for ch in rng.sample(sorted({c for t in titles for c in t if "\u4e00" <= c <= "\u9fff"}), 8):
        out.append(("single character", ch, [ch]))
    pairs = [(p, t) for p in PLACES for t in TRADES if truth(texts, [p, t], lang)]
    for place, trade in rng.sample(pairs, min(12, len(pairs))):
        out.append(("place + trade", place + trade, [place, trade]))
    seen = set()
    return [q for q in out if not (q[1] in seen or seen.add(q[1]))]


def truth(texts: dict, parts: list[str], lang: str) -> set[str]:
    if lang == "en":   # a word, matched as a word's beginning (weld → welder)
        return {p for p, (_, raw) in texts.items() if re.search(r"(?<![a-z0-9])" + re.escape(parts[0]), raw)}
    return {p for p, (_, text) in texts.items() if all(fold(x) in text for x in parts)}


def _en_texts(site: Path) -> dict:
    """English truth keeps the spaces (words are matched at their beginning)."""
    out = {}
    for path, (title, _) in body_texts(site, "en").items():
        p = _Body()
        p.feed((site / "en" / path / "index.html").read_text("utf-8"))
        out[path] = (title, fold("".join(p.parts)))
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def gz(body: bytes) -> int:
    return min(len(body), len(gzip.compress(body, 6)))


def _recorder(page, pattern: str) -> list:
    got = []

    def on(resp):
        if re.search(pattern, resp.url):
            try:
                got.append((resp.url, gz(resp.body())))
            except Exception:            # a redirect or a failed fetch has no body
                got.append((resp.url, 0))
    page.on("response", on)
    return got


def typed(qs: list[str]) -> list[str]:
    """The queries typed one after another to measure bytes: eight, of every kind."""
    return qs[::max(1, len(qs) // 8)][:8]


# ---- our engine ----------------------------------------------------------------------------

def ours(browser, url: str, prefix: str, qs: list[str], every_result: bool = True) -> tuple[dict, dict]:
    """Every result of every query (unless not `every_result`: bytes only), and what a phone
    downloads for the first and further queries."""
    ctx = browser.new_context(viewport={"width": 360, "height": 800})
    page = ctx.new_page()
    got = _recorder(page, r"/search/index/|/assets/search\.js")
    everything = _recorder(page, r".")
    page.goto(f"{url}/{prefix}search/")
    page.wait_for_function("document.getElementById('lx-search').lxFind !== undefined")
    results, costs = {}, []
    for i, q in enumerate(typed(qs)):    # as a worker: type, wait for the first page of results
        before = len(got)
        page.fill("#lx-search-q", q)
        page.press("#lx-search-q", "Enter")
        page.wait_for_function("document.getElementById('lx-search-status').textContent.match(/\\d|没有|Nothing/)")
        page.wait_for_timeout(400)       # the typing pause's second run, and the last records
        costs.append(sum(b for _, b in got[(0 if i == 0 else before):]))
        if i == 0:                       # the search page itself too, on a phone that has nothing cached
            with_page = sum(b for _, b in everything)
    # Only then every result of every query (which fetches all their records).
    for q in qs if every_result else ():
        results[q] = [r[0] for r in page.evaluate("q => document.getElementById('lx-search').lxFind(q)", q)]
    ctx.close()
    return results, {"first_kb": costs[0] / 1024, "first_with_page_kb": with_page / 1024,
                     "further_kb_max": max(costs[1:] or [0]) / 1024,
                     "further_kb_mean": sum(costs[1:]) / max(len(costs) - 1, 1) / 1024}


# ---- Pagefind 1.5 --------------------------------------------------------------------------

HARNESS = """<!doctype html><meta charset=utf-8><title>pf</title><script type=module>
import * as pf from "../pagefind/pagefind.js";
await pf.options({baseUrl: "/"});
await pf.init();
window.pfFind = async (q, all) => { const s = await pf.search(q);
  const rs = all ? s.results : s.results.slice(0, 10);
  return (await Promise.all(rs.map(r => r.data()))).map(d => d.url); };
window.pfReady = true;
</script>"""


def pagefind_site(site: Path, lang: str, work: Path) -> Path:
    """A copy (hard links) of one language's pages, indexed by Pagefind as the site was."""
    dest = work / f"pf-{lang}"
    src = site / "en" if lang == "en" else site
    shutil.copytree(src, dest, copy_function=lambda a, b: Path(b).hardlink_to(a),
                    ignore=(lambda d, names: ["en"] if Path(d) == site else []) if lang == "zh" else None)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(dest), "--output-subdir", "pagefind",
                    "--force-language", lang, "--silent"], check=True)
    (dest / "pf-bench").mkdir()
    (dest / "pf-bench" / "index.html").write_text(HARNESS, "utf-8")
    return dest


def pagefind(browser, url: str, qs: list[str]) -> tuple[dict, dict]:
    ctx = browser.new_context(viewport={"width": 360, "height": 800})
    page = ctx.new_page()
    got = _recorder(page, r"/pagefind/")
    page.goto(f"{url}/pf-bench/")
    page.wait_for_function("window.pfReady === true", timeout=60000)
    costs = []
    for i, q in enumerate(typed(qs)):
        before = len(got) if i else 0
        page.evaluate("q => window.pfFind(q, false)", q)
        page.wait_for_timeout(150)
        costs.append(sum(b for _, b in got[before:]))
    results = {q: [u.strip("/") + "/" if u.strip("/") else "" for u in page.evaluate("q => window.pfFind(q, true)", q)]
               for q in qs}
    ctx.close()
    return results, {"first_kb": costs[0] / 1024, "further_kb_max": max(costs[1:]) / 1024,
                     "further_kb_mean": sum(costs[1:]) / max(len(costs) - 1, 1) / 1024}


# ---- scoring -------------------------------------------------------------------------------

def score(qlist: list, results: dict, texts: dict, lang: str) -> dict:
    rows = []
    for kind, q, parts in qlist:
        want = truth(texts, parts, lang)
        got = [p for p in results.get(q, [])]
        found = want & set(got)
        if not want:
            continue                     # nothing to find: neither recall nor ranking to judge
        # "First five relevant": of the first five results, or of the first |truth| when
        # fewer pages hold the query (the rest are rightly partial matches, ranked after).
        top = got[:min(5, len(want))]
        rows.append({"kind": kind, "query": q, "pages": len(want), "found": len(found), "results": len(got),
                     "recall": len(found) / len(want), "top5": sum(p in want for p in top) / len(top) if top else 0.0})
    by = {}
    for r in rows:
        by.setdefault(r["kind"], []).append(r)
    return {"rows": rows, "min_recall": min(r["recall"] for r in rows),
            "mean_recall": sum(r["recall"] for r in rows) / len(rows),
            "mean_top5": sum(r["top5"] for r in rows) / len(rows),
            "by_kind": {k: {"queries": len(v), "min_recall": min(r["recall"] for r in v),
                            "mean_top5": sum(r["top5"] for r in v) / len(v)} for k, v in by.items()}}


def measure(site: Path, with_pagefind: bool = False) -> dict:
    from playwright.sync_api import sync_playwright
    out = {}
    texts = {"zh": body_texts(site, ""), "en": _en_texts(site)}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        server, url = serve(site)
        try:
            for lang, prefix in (("zh", ""), ("en", "en/")):
                qlist = queries(texts[lang], lang)
                res, cost = ours(browser, url, prefix, [q for _, q, _ in qlist])
                out[f"ours:{lang}"] = score(qlist, res, texts[lang], lang) | cost | {"pages": len(texts[lang])}
                if with_pagefind:
                    pf_site = pagefind_site(site, lang, Path(tmp))
                    pf_server, pf_url = serve(pf_site)
                    try:
                        res, cost = pagefind(browser, pf_url, [q for _, q, _ in qlist])
                    finally:
                        pf_server.shutdown()
                    out[f"pagefind:{lang}"] = score(qlist, res, texts[lang], lang) | cost | {"pages": len(texts[lang])}
        finally:
            server.shutdown()
            browser.close()
    return out


def table(results: dict[str, dict]) -> str:
    """Markdown: one row per N × candidate × language."""
    lines = ["| N | candidate | lang | queries | min recall | mean recall | first five relevant | "
             "first query KB gz | first query with the page KB gz | further query KB gz (max) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for n, res in sorted(results.items(), key=lambda kv: (len(kv[0]), kv[0])):
        for key, r in res.items():
            cand, lang = key.split(":")
            page_kb = f"{r['first_with_page_kb']:.1f}" if "first_with_page_kb" in r else "–"
            lines.append(f"| {n} | {cand} | {lang} | {len(r['rows'])} | {r['min_recall']:.0%} | {r['mean_recall']:.1%} | "
                         f"{r['mean_top5']:.0%} | {r['first_kb']:.1f} | {page_kb} | {r['further_kb_max']:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--n", default="?")
    ap.add_argument("--pagefind", action="store_true")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    res = measure(args.site, args.pagefind)
    print(table({args.n: res}))
    for key, r in res.items():
        for row in r["rows"]:
            if row["recall"] < 1 or row["top5"] < 0.8:
                print(key, row)
    if args.out:
        data = json.loads(args.out.read_text()) if args.out.exists() else {}
        data[args.n] = res
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
