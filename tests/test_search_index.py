"""The site search's own index (generator/publish/search_index.py): whatever a page says,
any part of it typed as a query finds the page; the files stay small."""
from __future__ import annotations

import gzip
import json

from hypothesis import assume, given, settings, strategies as st

from generator.publish import search_index as si
from generator.publish.search_tokens import is_word_char, normalize, query_terms, runs, tokens

# Common characters of job orders, a few rare ones, Latin words and separators.
HAN = "焊工电钢结构筋建筑新加坡日本阿联酋迪拜木瓦护理员司机驾驶看缝纫食品加装配子厂质检操作"
ALPHABET = st.sampled_from(list(HAN) + ["weld", "welder", "Driver", "SMT", "2026", "ＷＥＬＤ", " ", "，", "、", "\n", "（"])
TEXT = st.lists(ALPHABET, min_size=1, max_size=60).map("".join)


def _page(path: str, text: str, title: str = "标题") -> si.Record:
    return si.Record(path, si.kind_of(path), title, text)


def _substrings(text: str) -> st.SearchStrategy[str]:
    return st.tuples(st.integers(0, len(text) - 1), st.integers(1, 12)).map(lambda ij: text[ij[0]:ij[0] + ij[1]])


def _latin(ch: str) -> bool:
    return is_word_char(ch) and not tokens(ch) - {normalize(ch)} and ch.isascii() or ch in "ＷＥＬＤ"


def _searchable_part(text: str, query: str, start: int) -> bool:
    """Chinese: any substring. Latin words match by prefix (weld → welder), so a query
    may not start inside a word, nor end one letter into it."""
    end = start + len(query)
    if start > 0 and _latin(text[start - 1]) and _latin(text[start]):
        return False
    if end < len(text) and _latin(text[end]) and _latin(text[end - 1]):
        k = end - 1
        while k > start and _latin(text[k - 1]):
            k -= 1
        return end - k >= 2
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=12), st.data())
def test_any_part_of_a_page_finds_that_page(texts, data):
    recs = [_page(f"jobs/j{i}/", t) for i, t in enumerate(texts)]
    files = si.files(recs, target=300)          # tiny shards: every term's shard is looked up
    page = data.draw(st.integers(0, len(recs) - 1))
    start = data.draw(st.integers(0, len(texts[page]) - 1))
    query = texts[page][start:start + data.draw(st.integers(1, 12))]
    assume(_searchable_part(texts[page], query, start))
    terms = query_terms(query)
    if not terms:                               # only separators: nothing to search for
        return
    found = si.lookup(files, query)
    assert page in found, (query, texts[page])
    assert found[page][0] == len(terms)         # all the query's terms: ranked in the first tier


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_a_query_from_two_pages_finds_the_page_holding_both_words(a, b):
    """Place + trade typed without a space (新加坡焊工): the page holding both words
    matches every term but the one pair that straddles the two words."""
    words = [r for k, r in runs(a + " " + b) if k == "cjk"]
    assume(len(words) >= 2 and len(words[0]) >= 2 and len(words[-1]) >= 2)  # places and trades are words
    recs = [_page("jobs/both/", f"{a}\n{b}"), _page("jobs/neither/", "无关")]
    q = words[0] + words[-1]
    found = si.lookup(si.files(recs, target=300), q)
    assert 0 in found
    assert found[0][0] >= len(query_terms(q)) - 1


def test_titles_text_and_aliases_are_told_apart():
    recs = si.records([], {})
    recs = [si.Record("jobs/a/", "job", "钢结构电焊工", "工资 8000", ("电焊", "Welding", "焊接", "welder")),
            si.Record("jobs/b/", "job", "木工", "需要焊工技能考核费"),
            si.Record("courses/c/", "course", "安全", "焊工 安全")]
    files = si.files(recs)
    found = si.lookup(files, "焊工")
    assert found == {0: (1, 1, 1), 1: (1, 0, 1), 2: (1, 0, 1)}
    assert si.lookup(files, "焊接") == {0: (1, 0, 0)}              # only an alias of page 0
    assert si.lookup(files, "welder") == {0: (1, 0, 0)}
    assert si.lookup(files, "wel") == {0: (1, 0, 0)}              # prefix
    assert si.lookup(files, "钢结构电焊工")[0] == (5, 5, 5)
    assert si.lookup(files, "电焊")[0] == (1, 1, 1)


def test_pages_are_numbered_vacancies_first():
    class P:
        def __init__(self, path, title="t"):
            self.path, self.title, self.description, self.body, self.searchable = path, title, "d", "<p>x</p>", True
    recs = si.records([P("about/"), P("destinations/sg/"), P("courses/core/l1/"), P("jobs/z/"), P("jobs/a/")], {})
    assert [r.path for r in recs] == ["jobs/a/", "jobs/z/", "courses/core/l1/", "destinations/sg/", "about/"]


def test_visible_text_leaves_out_ignored_blocks_and_keeps_cells_apart():
    body = ('<table><tr><td>焊工</td><td>新加坡</td></tr></table><div class="x" data-pagefind-ignore>'
            '<div>投诉电话</div></div><script>var a="脚本";</script><p>护理&amp;看护<br>司机</p>')
    text = si.visible_text(body)
    assert "焊工" in text and "护理&看护" in text and "司机" in text
    assert "投诉" not in text and "脚本" not in text
    assert "工新" not in tokens(text)


def test_two_builds_of_the_same_pages_are_identical():
    recs = [_page(f"jobs/j{i}/", "新加坡电焊工" * i) for i in range(30)]
    assert si.files(recs) == si.files(list(recs))


def test_shards_stay_small_at_scale():
    """3,000 pages of varied text: no shard over 12 KB gzipped, and a query's shards
    together far under the 30 KB a further query may cost."""
    import random
    rnd = random.Random(7)
    pool = list(HAN + "的了是在有个人这中大为上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从")
    recs = [_page(f"jobs/j{i:05}/", "".join(rnd.choice(pool) for _ in range(500))) for i in range(3000)]
    files = si.files(recs)
    sizes = {k: len(gzip.compress(v.encode())) for k, v in files.items()}
    shard_sizes = [s for k, s in sizes.items() if "/s" in k]
    assert max(shard_sizes) < 12_000, max(shard_sizes)
    meta = json.loads(files["meta.json"])
    q = "新加坡电焊工"
    cost = sum(sizes[f"{meta['v']}/s{si.shard_of(meta['bounds'], t)}.json"]
               for t in {t for t, _ in query_terms(q)})
    assert cost < 30_000, cost
