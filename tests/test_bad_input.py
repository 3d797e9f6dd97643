"""Tables of bad input and the exact message staff see (both languages, file and line)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

JOB = "content/jobs/sg-2026-0101.yml"


def line_of(text: str, pattern: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return n
    raise AssertionError(f"{pattern!r} not in file")


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> str:
    path = root / rel
    text = path.read_text("utf-8")
    assert re.search(old, text, re.M), f"{old!r} not in {rel}"
    text = re.sub(old, new, text, count=count, flags=re.M)
    path.write_text(text, "utf-8")
    return text


# (name, file, regex to replace, replacement, regex of the line the message names,
#  expected Chinese message, expected English message)
CASES = [
    ("wrong type", JOB, r"^positions: \d+", "positions: forty", r"^positions:",
     "positions: 应为整数，现在是 'forty' — 请填写整数，例如 30",
     "positions: must be a whole number, not 'forty' — write a whole number such as 30"),
    ("unknown key", JOB, r"^apply_by:", "aply_by:", r"^aply_by:",
     "aply_by: 未知字段“aply_by” — 检查拼写或删除它（允许的字段：agency, apply_by,",
     "aply_by: unknown field 'aply_by' — check the spelling or remove it (allowed: agency, apply_by,"),
    ("missing translation", JOB, r"^title:(?:.*\n)(?:  .*\n)*", "title: {zh: 建筑钢筋工}\n", r"^title:",
     "title.en: 缺少英文译文 — 请添加 en: …",
     "title.en: the English text is missing — add en: …"),
    ("unknown agency", JOB, r"^agency: .*$", "agency: no-such-agency", r"^agency:",
     "agency: [V-AGENCY-UNKNOWN] 中介机构“no-such-agency”不在 content/agencies.yml 中 — 只能使用有资质的机构：",
     "agency: [V-AGENCY-UNKNOWN] agency 'no-such-agency' is not in content/agencies.yml — use a licensed agency:"),
    ("duplicate key", JOB, r"^(positions: \d+)$", r"\1\npositions: 12", r"^positions: 12",
     "positions: 字段“positions”重复出现（第",
     "positions: field 'positions' appears twice (already on line"),
    ("malformed YAML", JOB, r"^positions: (\d+)$", r"positions: [\1", r"^positions:",
     "方括号 [ 没有闭合 — 请补上 ]，并检查其中的逗号和引号", "a bracket [ is not closed"),
    ("flow mapping split by a comma", JOB, r"^duties:\n(?:  .*\n)+",
     "duties: {zh: 绑扎钢筋, en: Cut, bend and tie}\n", r"^duties:",
     "duties.bend and tie: “bend and tie”被当成了字段名：花括号 {…} 里的逗号会把文字拆开 — 请给这段文字加上引号，或改用分行写法",
     "duties.bend and tie: 'bend and tie' was read as a field name: a comma inside {…} splits the text — "
     "put the text in quotes, or write it in block style"),
    ("impossible date", JOB, r"^apply_by: .*$", "apply_by: 2026-02-30", r"^apply_by:",
     "apply_by: “2026-02-30”不是有效日期 — 请写成 YYYY-MM-DD，例如 2026-02-28",
     "apply_by: '2026-02-30' is not a valid date — write it as YYYY-MM-DD, e.g. 2026-02-28"),
    ("tab indentation", JOB, r"^  months: ", "\tmonths: ", r"^\tmonths:",
     "用了 Tab 键缩进 — YAML 只能用空格缩进，请把 Tab 换成空格", "a line is indented with a tab"),
    ("alias", JOB, r"^(positions: \d+)$", r"\1\nextra: *t", r"^extra:",
     "不允许使用 YAML 锚点和别名（*name） — 请把内容直接写出来",
     "YAML anchors and aliases (*name) are not allowed — write the content out in full"),
    ("wrong enum value", JOB, r"^  per: .*$", "  per: week", r"^  per: week",
     "wage.per: 不是允许的值：'week' — 请从这些值中选一个：'hour', 'day' or 'month'",
     "wage.per: not an allowed value: 'week' — choose one of 'hour', 'day' or 'month'"),
    ("id differs from file name", JOB, r"^id: .*$", "id: sg-2026-9999", r"^id:",
     "id: id“sg-2026-9999”与文件名“sg-2026-0101.yml”不一致 — 请把 id 改成 sg-2026-0101，或重命名文件",
     "id: id 'sg-2026-9999' does not match the file name 'sg-2026-0101.yml' — set id to sg-2026-0101 or rename the file"),
    ("duplicate agency id", "content/agencies.yml", r"^- id: qihang-hr", "- id: hanyang-intl", r"^- id: hanyang-intl",
     None, "agency id 'hanyang-intl' is used twice — give each agency its own id"),
    ("unknown course", JOB, r"^  - construction-safety", "  - welding-101", r"^  - welding-101",
     "课程“welding-101”不存在", "course 'welding-101' does not exist"),
]


@pytest.mark.parametrize("name,rel,old,new,where,zh,en", CASES, ids=[c[0] for c in CASES])
def test_bad_input_message(tree, cli, name, rel, old, new, where, zh, en):
    text = edit(tree, rel, old, new)
    code, out, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 1, err
    line = line_of(text, where)
    if name == "duplicate agency id":
        line = [n for n, l in enumerate(text.splitlines(), 1) if l.startswith("- id: hanyang-intl")][1]
    prefix = f"{rel}:{line}: "
    lines = err.splitlines()
    if zh:
        assert any(l.startswith(prefix) and zh in l for l in lines), err
    assert any(l.startswith(prefix) and en in l for l in lines), err
    # (the sample's demo reviewer adds a warning to every run: W-REVIEWER-DEMO)
    assert re.search(r"^共发现 \d+ 个错误(，\d+ 个警告)? / Found \d+ errors?(, \d+ warnings?)?$", err, re.M), err
    assert "Traceback" not in err + out


def test_every_problem_of_a_run_is_reported(tree, cli):
    edit(tree, JOB, r"^positions: \d+", "positions: forty")
    edit(tree, "content/jobs/jp-2026-0201.yml", r"^agency: .*$", "agency: nobody")
    edit(tree, "courses/pre-departure-core/quizzes/conduct-abroad.yml", r"^pass_mark: .*$", "pass_mark: high")
    code, _, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 1
    assert "content/jobs/sg-2026-0101.yml:" in err and "content/jobs/jp-2026-0201.yml:" in err
    assert "courses/pre-departure-core/quizzes/conduct-abroad.yml:" in err
    assert "Found 4 errors" in err   # positions, quiz, and the agency and digest refusals of jp-2026-0201


def test_good_tree_prints_summary(cli):
    from conftest import ROOT
    code, out, err = cli("--root", ROOT, "check", "--today", "2026-11-21")
    assert code == 0, err
    assert re.search(r"检查通过 / Check passed: \d+ job orders", out)


def test_invalid_utf8_and_bom(tree, cli):
    path = tree / JOB
    raw = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw)              # a BOM is fine
    assert cli("--root", tree, "check", "--today", "2026-11-21")[0] == 0
    path.write_bytes(raw.replace("钢筋".encode(), b"\xff\xfe", 1))
    code, _, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 1
    assert f"{JOB}:" in err and "the file is not UTF-8 text — save it again with UTF-8 encoding" in err


def test_billion_laughs_refused_quickly(tree, cli):
    import time
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    (tree / JOB).write_text(bomb, "utf-8")
    started = time.monotonic()
    code, _, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 1
    assert time.monotonic() - started < 10
    assert "YAML anchors and aliases (*name) are not allowed" in err


def test_empty_job_file(tree, cli):
    (tree / JOB).write_text("", "utf-8")
    code, _, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 1
    assert f"{JOB}:1: the file is empty — fill it in (python -m generator new job ID writes a template)" in err


def test_broken_label_catalogue_is_a_clear_error(tree, cli):
    with open(tree / "theme/i18n/en.yml", "a", encoding="utf-8") as f:
        f.write("job_more: [\n")
    code, _, err = cli("--root", tree, "build", "--out", tree / "site", "--today", "2026-11-21")
    assert code == 1
    assert "theme/i18n/en.yml: 无法读取界面文字 / cannot read the labels" in err and "Traceback" not in err
    assert not (tree / "site").exists()
