"""Trade aliases (site_config.yml trades.<key>.aliases): checked when loaded, and a word
staff list finds that trade's vacancies in search and in the vacancy filter."""
from __future__ import annotations

import re

import pytest

CFG = "site_config.yml"


def _edit(root, old: str, new: str) -> str:
    path = root / CFG
    text = path.read_text("utf-8")
    assert re.search(old, text, re.M), old
    text = re.sub(old, new, text, count=1, flags=re.M)
    path.write_text(text, "utf-8")
    return text


@pytest.mark.parametrize("old,new,where,zh,en", [
    (r"^  welding: .*$", "  welding: {zh: 电焊, en: Welding, aliases: [焊工, 焊工]}", r"^  welding:",
     "别名“焊工”写了两次", "alias “焊工” is listed twice"),
    (r"^  welding: .*$", "  welding: {zh: 电焊, en: Welding, aliases: [焊工, Construction]}", r"^trades:",
     "“Construction”同时是工种 construction 和 welding 的名称或别名",
     "“Construction” names both trade construction and trade welding — keep it under one"),
    (r"^  welding: .*$", "  welding: {zh: 电焊, en: Welding, aliases: 焊工}", r"^  welding:", "", "aliases"),
])
def test_bad_aliases_are_refused_with_file_line_and_fix(tree, cli, old, new, where, zh, en):
    text = _edit(tree, old, new)
    code, out, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 1 and "Traceback" not in err + out
    line = next(n for n, l in enumerate(text.splitlines(), 1) if re.search(where, l))
    hits = [l for l in err.splitlines() if l.startswith(f"{CFG}:{line}: ")]
    assert any(zh in l for l in hits) and any(en in l for l in hits), err


def test_aliases_are_optional(tree, cli):
    _edit(tree, r"^  welding: .*$", "  welding: {zh: 电焊, en: Welding}")
    code, _, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 0, err


@pytest.mark.browser
@pytest.mark.parametrize("query,shown", [
    ("?q=焊工", 2), ("?q=welder", 2), ("?trade=焊接", 2), ("?trade=welder", 2), ("?q=建筑工", 3), ("?q=nothing-like-it", 0),
])
def test_the_vacancy_filter_understands_aliases(browser, site_url, query, shown):
    page = browser.new_page()
    for lang in ("", "/en"):
        page.goto(f"{site_url}{lang}/jobs/{query}")
        page.locator("#lx-filter").wait_for(state="visible")
        page.wait_for_function(f"document.getElementById('lx-count').textContent === '{shown}'", timeout=5000)
    page.close()
