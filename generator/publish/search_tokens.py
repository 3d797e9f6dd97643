"""The words of the site search: one rule, shared by the index (Python) and the query
(theme/overrides/assets/search.js does exactly the same, step by step).

Chinese has no spaces, and no segmenter agrees with another (jieba at index time and the
browser's Intl.Segmenter at query time missed 钢结构电焊工 in its own title: Pagefind
issue 1237). So no words are guessed at all: a run of Chinese characters is indexed as
each character and each overlapping pair of characters (Lucene's CJK bigram filter does
the same), and a query is cut the same way. Every substring of a page's text of two or
more characters then consists of pairs the page holds: it is found, whatever the
browser. Latin letters and digits make words, matched by prefix (weld → welder).
"""
from __future__ import annotations

import re
import unicodedata

# Han (with extension A and compatibility ideographs), kana, Hangul syllables, and the
# supplementary Han planes; search.js's CJK pattern lists the same ranges.
CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF),
              (0x20000, 0x3134F))


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in CJK_RANGES)


def is_word_char(ch: str) -> bool:
    # Letters and numbers (Unicode L* and N*), as search.js's /[\p{L}\p{N}]/u.
    return unicodedata.category(ch)[0] in "LN"


def normalize(text: str) -> str:
    """Full-width letters and digits become ASCII, case folds: ＷＥＬＤ and weld match."""
    return unicodedata.normalize("NFKC", text).lower()


_CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in CJK_RANGES)
# [^\W_] is a letter or a number (str.isalnum: Unicode L* and N*), as is_word_char.
_RUN = re.compile(f"([{_CJK_CLASS}]+)|([^\\W_{_CJK_CLASS}]+)")


def runs(text: str) -> list[tuple[str, str]]:
    """The text as runs of ("cjk", 焊工…) and ("word", welder); everything else separates.
    A regular expression, not a loop over characters: 5,000 pages are indexed per build."""
    return [("cjk", m[1]) if m[1] else ("word", m[2]) for m in _RUN.finditer(normalize(text))]


def tokens(text: str) -> set[str]:
    """What the index holds for a text: each Chinese character and pair, each word."""
    out: set[str] = set()
    for kind, run in runs(text):
        if kind == "word":
            out.add(run)
        else:
            out.update(run)
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def query_terms(query: str) -> list[tuple[str, bool]]:
    """The terms a query needs, each (term, prefix?): a lone character, or the pairs of a
    longer run; each word, matched as a prefix from two letters on."""
    out: list[tuple[str, bool]] = []
    for kind, run in runs(query):
        if kind == "word":
            out.append((run, len(run) >= 2))
        elif len(run) == 1:
            out.append((run, False))
        else:
            out.extend((run[i:i + 2], False) for i in range(len(run) - 1))
    seen: set = set()
    return [t for t in out if not (t in seen or seen.add(t))]


def shard_key(term: str) -> str:
    """What decides a term's shard: a Chinese term itself; a word's first two letters, so
    every word a prefix query can match lies in one shard."""
    return term if is_cjk(term[0]) else term[:2]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (search.js: the same with Math.imul)."""
    h = 0x811C9DC5
    for ch in text:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h
