"""Whatever a library says, staff read our message: Chinese with no library English in
it, English with the library's words at most as a bracketed detail.

Each case runs under libyaml (what the build uses) and pure-Python PyYAML (the fallback
where libyaml is missing), whose wordings differ: both must reach the same message of ours.
"""
from __future__ import annotations

import errno
import re
import subprocess

import pytest
import yaml

from generator.source import yamlload
from generator.library_messages import os_error, yaml_text
from generator.problems import Problem

# (case, YAML text, our message by name, line to fix)
BROKEN = [
    ("deep flow nesting", "a: " + "[" * 5000 + "]" * 5000, "nesting", 1),
    ("deep block nesting", "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 60)), "nesting", None),
    ("colon in a value", "a: 1\nb: time: 8:30\n", "colon", 2),
    ("no colon", "a: 1\nb\nc: 2\n", "no_colon", 2),
    ("file ends inside a bracket", "a: 1\npositions: [\n", "bracket", 2),
    ("indentation", "a:\n  b: 1\n c: 2\n", "indent", 3),
    ("list items", "a:\n  - 1\n - 2\n", None, None),
    ("unclosed bracket", "a: 1\nb: [1, 2\nc: 3\n", "bracket", 2),
    ("unclosed brace", "a: 1\nb: {x: 1\nc: 3\n", "brace", 2),
    ("unclosed quote", "a: 1\nb: \"abc\nc: 3\n", "quote", 2),
    ("unknown escape", "a: \"C:\\q\"\n", "escape", 1),
    ("tab", "a:\n\tb: 1\n", "tab", 2),
    ("reserved character", "a: @home\n", "reserved_start", 1),
    ("text after a quote", "a: 'x' y\n", "after_quote", 1),
    ("text after |", "a: |x\n  b\n", "block_indicator", 1),
    ("two documents", "a: 1\n---\nb: 2\n", "documents", None),
    ("alias", "a: &x 1\nb: *x\n", "aliases", 2),
    ("tag", "a: !!python/name:os.system x\n", "tags", 1),
    ("list on a field's line", "a: - b\n", "list_inline", 1),
    ("control character", "a: x\x01y\n", "control", 1),
]

# Words our Chinese messages may contain: names of things, not library prose.
ALLOWED_LATIN = {"YAML", "Tab", "UTF", "tag", "yaml", "org", "python", "name", "system", "positions"}


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML built without libyaml")
        monkeypatch.setattr(yamlload, "_Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamlload, "_Loader", yaml.SafeLoader)
    return request.param


def _ours(problem: Problem) -> None:
    latin = set(re.findall(r"[A-Za-z]{3,}", problem.zh)) - ALLOWED_LATIN
    assert not latin, f"library English in the Chinese line: {problem.zh}"
    assert re.search(r"[\u4e00-\u9fff]", problem.zh)
    head = problem.en.split(" [")[0].split(" — ")[0]
    assert head and not head.startswith(("found", "did not", "expected", "while", "mapping values")), problem.en
    assert " — " in problem.zh and " — " in problem.en


@pytest.mark.parametrize("case,text,kind,line", BROKEN, ids=[b[0] for b in BROKEN])
def test_yaml_errors_reach_staff_in_our_words(loader, case, text, kind, line):
    problem = yamlload.parse(text, "content/jobs/x.yml")
    assert isinstance(problem, Problem), f"{case} was accepted"
    assert problem.path == "content/jobs/x.yml" and problem.line >= 1
    _ours(problem)
    if kind:
        zh, en = yaml_text(kind)
        what_zh, fix_zh = zh.split(" — ")
        assert problem.zh.startswith(what_zh) and problem.zh.endswith(fix_zh), (loader, problem.zh)
        assert problem.en.startswith(en.split(" — ")[0]), (loader, problem.en)
    if line and not (loader == "pure-python" and kind == "nesting"):
        assert problem.line == line, (loader, problem)


def test_the_bracket_is_reported_where_it_was_opened(loader):
    problem = yamlload.parse("a: 1\nb: [1, 2\nc: 3\nd: 4\n", "x.yml")
    assert problem.line == 2


def test_os_errors_in_our_words():
    zh, en = os_error(OSError(errno.ENOSPC, "No space left on device", "/srv/site"), "无法写入", "could not write")
    assert zh.startswith("无法写入：磁盘已满") and "No space" not in zh
    assert en.startswith("could not write: the disk is full") and "No space left on device" in en   # the detail
    zh, _ = os_error(OSError(errno.EXDEV, "Invalid cross-device link"), "无法写入", "could not write")
    assert "Invalid" not in zh and re.search(r"[\u4e00-\u9fff]", zh)


def test_an_unmapped_validation_error_keeps_english_out_of_chinese():
    from generator.source.schema_errors import _text
    zh, en = _text({"type": "some_future_kind", "msg": "Input should be frobnicated", "ctx": {}}, None, (), None)
    assert "frobnicated" not in zh and "frobnicated" in en


def test_mkdocs_failure_reaches_staff_in_both_languages(tree, cli, tmp_path):
    main = tree / "theme/overrides/main.html"
    main.write_text(main.read_text("utf-8") + "\n{% block broken %}\n", "utf-8")   # never closed
    code, out, err = cli("--root", tree, "build", "--out", tmp_path / "site", "--today", "2026-11-21")
    assert code == 1 and "Traceback" not in err
    first, second = err.splitlines()[:2]
    assert first.startswith("构建失败：MkDocs") and "网站" in first and not re.search(r"[A-Za-z]{4,}", first[9:])
    assert second.startswith("Build failed: MkDocs could not build")
    assert "  | " in err                           # MkDocs' own words follow, marked as detail
    assert not (tmp_path / "site").exists()
