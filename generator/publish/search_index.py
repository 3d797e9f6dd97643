"""Site search: a small static index of our own, one per language, cut into shards.

A query downloads a small meta file once, then only the shards its terms fall in and
the few result records it shows: at N = 5,000 orders a first search costs well under
100 KB gzipped (tests/benchmarks/search_candidates.py measures it). The words are those of
search_tokens.py; the engine is theme/overrides/assets/search.js.

Layout under <language root>/search/index/:
  meta.json             {"v": version, "bounds": [first hash of each shard…], "n": pages,
                         "kinds": [pages per kind, in KINDS order], "chunk": records per file}
  <v>/s<i>.json         {term: [delta-coded postings]}; a posting is page*4 + where: 1 the
                        page's title holds the term, 0 its text, 2 only its trade's names
                        and aliases (ranked after pages whose own words hold the query)
  <v>/d<j>.json         [[path, kind, title, snippet], …] for pages j*chunk…
Pages are numbered vacancies first, then courses and lessons, destinations, other pages:
a lower number is a better tie-break. The version folder changes with the content, so
a cached shard never mixes with a newer meta file.
"""
from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.publish.search_tokens import fnv1a, shard_key, tokens

KINDS = ("job", "course", "destination", "page")
SHARD_BYTES = 12_000      # raw JSON per shard; 1–3 KB once gzipped
CHUNK = 8                 # result records per file: a page of results fetches few bytes
SNIPPET = 110             # characters of text shown under a result


@dataclass(frozen=True)
class Record:
    path: str             # inside the language root, e.g. jobs/sg-weld-01/
    kind: str             # one of KINDS
    title: str
    text: str             # the page's visible text, without blocks marked data-pagefind-ignore
    keywords: tuple = ()  # trade names and aliases, in both languages: ranked like the title
    snippet: str = ""


def kind_of(path: str) -> str:
    head = path.split("/", 1)[0]
    return {"jobs": "job", "courses": "course", "destinations": "destination"}.get(head, "page")


TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w-]*)([^>]*?)(/?)>", re.S)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "svg"}
# Block elements end a word: "<td>焊工</td><td>新加坡</td>" must not index 工新.
BLOCK = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "br", "dt", "dd",
         "table", "ul", "ol", "article", "header", "footer", "nav", "aside", "summary", "details", "figcaption",
         "blockquote", "pre", "hr", "form", "label", "button", "option", "caption"}


def visible_text(body: str) -> str:
    """The text a reader sees in a page body: tags, scripts and data-pagefind-ignore
    blocks (help links, the trust block, answer keys) left out. A regular expression
    walk, not an HTML parser: the bodies are our own templates' output, and this is fast."""
    out, pos, skip_tag, depth = [], 0, None, 0
    for m in TAG.finditer(body):
        if not skip_tag:
            out.append(body[pos:m.start()])
        pos = m.end()
        closing, name, attrs, selfclose = m.group(1), (m.group(2) or "").lower(), m.group(3) or "", m.group(4)
        if not name:
            continue
        if skip_tag:
            if name == skip_tag and name not in VOID and not selfclose:
                depth += -1 if closing else 1
                if depth == 0:
                    skip_tag = None
            continue
        if not closing and not selfclose and name not in VOID and (name in SKIP or "data-pagefind-ignore" in attrs):
            skip_tag, depth = name, 1
        elif name in BLOCK:
            out.append("\n")
    if not skip_tag:
        out.append(body[pos:])
    return re.sub(r"[ \t\r\f\v]+", " ", html.unescape("".join(out))).strip()


def records(pages, keywords: dict[str, tuple], snippets: dict[str, str] | None = None) -> list[Record]:
    """The searchable pages as records, in index order; `keywords`: extra words per path
    (a vacancy's trade names and aliases); `snippets`: the line shown under a result, where
    the page's description would not do."""
    out = []
    for p in pages:
        if not p.searchable:
            continue
        text = visible_text(p.body)
        snippet = (snippets or {}).get(p.path) or (p.description if p.description != p.title else
                                                    " ".join(text.split())[:SNIPPET])
        out.append(Record(p.path, kind_of(p.path), p.title, text, tuple(keywords.get(p.path, ())), snippet))
    return sorted(out, key=lambda r: (KINDS.index(r.kind), r.path))


IN_TEXT, IN_TITLE, IN_KEYWORDS = 0, 1, 2


def postings(recs: list[Record]) -> dict[str, list[int]]:
    """term → sorted page*4+where for every page that holds it (where: IN_TITLE, IN_TEXT
    or only IN_KEYWORDS)."""
    index: dict[str, list[int]] = {}
    for i, r in enumerate(recs):
        title, text = tokens(r.title), tokens(r.text)
        for term in title | text | tokens(" \n".join(r.keywords)):
            where = IN_TITLE if term in title else IN_TEXT if term in text else IN_KEYWORDS
            index.setdefault(term, []).append(4 * i + where)
    return index


def deltas(values: list[int]) -> list[int]:
    return [v - (values[k - 1] if k else 0) for k, v in enumerate(values)]


def shards(index: dict[str, list[int]], target: int = SHARD_BYTES) -> tuple[list[int], list[dict]]:
    """Cut the terms, in order of their shard key's hash, into shards of about `target`
    bytes. Returns each shard's first hash and the shards. A key never spans two shards."""
    by_hash: dict[int, dict[str, list[int]]] = {}
    for term, post in index.items():
        by_hash.setdefault(fnv1a(shard_key(term)), {})[term] = deltas(post)
    bounds, out, size = [], [], target
    for h in sorted(by_hash):
        group = by_hash[h]
        weight = sum(len(t) * 3 + 4 + 3 * len(p) for t, p in group.items())
        if size + weight > target and (not out or out[-1]):
            bounds.append(h)
            out.append({})
            size = 0
        out[-1].update(group)
        size += weight
    if bounds:
        bounds[0] = 0
    return bounds, out


def shard_of(bounds: list[int], term: str) -> int:
    return bisect.bisect_right(bounds, fnv1a(shard_key(term))) - 1


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def files(recs: list[Record], target: int = SHARD_BYTES) -> dict[str, str]:
    """Every file of the index, path (under search/index/) → content. Pure: the same
    records give the same bytes."""
    bounds, parts = shards(postings(recs), target)
    body = {f"s{i}.json": _dump(s) for i, s in enumerate(parts)}
    for j in range(0, len(recs), CHUNK):
        body[f"d{j // CHUNK}.json"] = _dump([[r.path, r.kind, r.title, r.snippet] for r in recs[j:j + CHUNK]])
    version = hashlib.sha256("".join(k + v for k, v in sorted(body.items())).encode()).hexdigest()[:12]
    meta = {"v": version, "bounds": bounds, "n": len(recs), "chunk": CHUNK,
            "kinds": [sum(r.kind == k for r in recs) for k in KINDS]}
    return {"meta.json": _dump(meta)} | {f"{version}/{k}": v for k, v in body.items()}


def trade_keywords(tree, paths) -> dict[str, tuple]:
    """A vacancy page's trade names and aliases, both languages: a query for 焊工 or welder
    finds every welding order, whatever its own text says."""
    out = {}
    for path in paths:
        parts = path.split("/")
        job = tree.jobs.get(parts[1]) if parts[0] == "jobs" and len(parts) == 3 else None
        trade = tree.site.trades.get(job.trade) if job else None
        if trade:
            out[path] = (trade.zh, trade.en, *trade.aliases)
    return out


def job_places(tree, lang: str) -> dict[str, str]:
    """Under a vacancy in the results: where the job is (its title already says what)."""
    out = {}
    for jid, job in tree.jobs.items():
        country, city = tree.countries[job.employer.country].name[lang], job.employer.city[lang]
        out[f"jobs/{jid}/"] = city if country in city else f"{country} · {city}"   # not 新加坡 · 新加坡
    return out


def build(site: Path, lang: str, pages, tree) -> None:
    """Write one language's index beside its finished site (site/<lang root>/search/index/).
    `pages`: every page of the language, read once (a stream: see publish/stamp.py)."""
    recs = records(pages, trade_keywords(tree, [f"jobs/{jid}/" for jid in tree.jobs]), job_places(tree, lang))
    root = site / "search" / "index"
    for rel, content in files(recs).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")


def lookup(index_files: dict[str, str], query: str) -> dict[int, tuple[int, int, int]]:
    """The pages a query finds, page → (terms matched, of them in the title, of them in
    the page's own words), read back from the files as search.js reads them: for the
    property tests."""
    from generator.publish.search_tokens import query_terms
    meta = json.loads(index_files["meta.json"])
    found: dict[int, list[int]] = {}
    for term, prefix in query_terms(query):
        shard = json.loads(index_files[f"{meta['v']}/s{shard_of(meta['bounds'], term)}.json"])
        hits: dict[int, set] = {}
        for t, post in shard.items():
            if t == term or (prefix and t.startswith(term)):
                v = 0
                for d in post:
                    v += d
                    hits.setdefault(v >> 2, set()).add(v & 3)
        for page, where in hits.items():
            m = found.setdefault(page, [0, 0, 0])
            m[0] += 1
            m[1] += IN_TITLE in where
            m[2] += bool(where & {IN_TITLE, IN_TEXT})
    return {p: tuple(m) for p, m in found.items()}
