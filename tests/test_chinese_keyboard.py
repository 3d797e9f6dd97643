"""YAML typed on a Chinese keyboard: a full-width colon, no space after the colon, a
full-width space in the indentation, full-width commas and quotes in a [ ] or { } list.

The parser notices these lines later, in its own words ("mapping values are not allowed"):
staff must read the line they typed and the cause, in both languages, once, for every kind
of file they edit."""
from __future__ import annotations

import re

import pytest

from test_bad_input import edit, line_of

JOB = "content/jobs/sg-2026-0101.yml"
QUIZ = "courses/construction-safety/quizzes/working-at-height.yml"
IDEO = "\u3000"   # the full-width (ideographic) space a Chinese input method types

# What each cause must be called, in Chinese and in English.
CAUSE = {
    "colon": ("全角冒号", "full-width colon"),
    "space": ("冒号后", "space after the colon"),
    "indent": ("全角空格", "full-width space"),
    "comma": ("全角逗号", "full-width comma"),
    "quote": ("全角引号", "full-width quotation mark"),
}

# (name, file, regex to replace, replacement, regex of the line typed wrong, cause)
CASES = [
    ("job: colon inside a block", JOB, r"^  zh: 建筑钢筋工$", "  zh：建筑钢筋工", r"^  zh：建筑钢筋工", "colon"),
    ("job: no space inside a block", JOB, r"^  zh: 建筑钢筋工$", "  zh:建筑钢筋工", r"^  zh:建筑钢筋工", "space"),
    ("job: ideographic indent", JOB, r"^  zh: 建筑钢筋工$", IDEO + "zh: 建筑钢筋工", "^" + IDEO + "zh:", "indent"),
    ("job: ideographic space after two spaces", JOB, r"^  en: Construction rebar worker$",
     "  " + IDEO + "en: Construction rebar worker", "^  " + IDEO + "en:", "indent"),
    ("job: colon at the top", JOB, r"^positions: 30$", "positions：30", r"^positions：", "colon"),
    ("job: colon with a space", JOB, r"^positions: 30$", "positions： 30", r"^positions：", "colon"),
    ("job: no space at the top", JOB, r"^agency: hanyang-intl$", "agency:hanyang-intl", r"^agency:hanyang", "space"),
    ("job: ideographic space after the colon", JOB, r"^positions: 30$", "positions:" + IDEO + "30",
     r"^positions:", "indent"),
    ("job: last field of a block", JOB, r"^    en: \"Two years or more.*$", "    en：Two years or more as a rebar worker",
     r"^    en：Two", "colon"),
    ("job: last field, no space", JOB, r"^    en: \"Two years or more.*$", "    en:Two years or more as a rebar worker",
     r"^    en:Two", "space"),
    ("job: only field of a block", JOB, r"^title:\n  zh: 建筑钢筋工\n  en: Construction rebar worker$",
     "title:\n  zh：建筑钢筋工", r"^  zh：建筑钢筋工", "colon"),
    ("job: comma in a list", JOB, r"^  age: \[20, 45\]$", "  age: [20，45]", r"^  age:", "comma"),
    ("job: quotes in a flow mapping", JOB, r"^duties:\n(?:  .*\n)+",
     "duties: {zh: 绑扎钢筋, en: “Cut, bend and tie”}\n", r"^duties:", "quote"),
    ("site_config", "site_config.yml", r"^  base_url: ", "  base_url：", r"^  base_url：", "colon"),
    ("agencies", "content/agencies.yml", r'^  phone: "0527-8861230"$', '  phone:"0527-8861230"', r'^  phone:"', "space"),
    ("countries", "content/countries/SG.yml", r"^currency: SGD$", "currency：SGD", r"^currency：", "colon"),
    ("reviewers", "content/reviewers.yml", r"^  valid_from: 2026-01-01$", IDEO + " valid_from: 2026-01-01",
     "^" + IDEO + " valid_from", "indent"),
    ("course", "courses/construction-safety/course.yml", r"^      zh: 高处作业与防坠落$", "      zh：高处作业与防坠落",
     r"^      zh：高处", "colon"),
    ("quiz", QUIZ, r"^pass_mark: 0.8$", "pass_mark:0.8", r"^pass_mark:0", "space"),
    ("quiz: quotes in a choice", QUIZ, r'en: "Refuse, and clip on your harness before going up"',
     "en: “Refuse, and clip on your harness before going up”", r"“Refuse", "quote"),
]


@pytest.mark.parametrize("name,rel,old,new,where,cause", CASES, ids=[c[0] for c in CASES])
def test_slip_is_named_on_its_own_line(tree, cli, name, rel, old, new, where, cause):
    text = edit(tree, rel, old, new)
    code, out, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert code == 1, err
    line = line_of(text, where)
    mine = [l for l in err.splitlines() if l.startswith(f"{rel}:")]
    zh, en = CAUSE[cause]
    # One mistake, one message: a Chinese line and an English line, on the line typed wrong.
    assert len(mine) == 2, err
    assert mine[0].startswith(f"{rel}:{line}: ") and zh in mine[0], err
    assert mine[1].startswith(f"{rel}:{line}: ") and en in mine[1], err
    assert "半角" in mine[0] or cause == "space", err        # the fix names the half-width character
    assert "Traceback" not in err + out


def test_full_width_text_that_is_meant_is_left_alone(tree, cli):
    """Full-width punctuation inside texts is Chinese, not a slip: quoted, in block text,
    after a real colon, a paragraph indented with full-width spaces."""
    edit(tree, JOB, r"^  zh: 建筑钢筋工$", "  zh: 建筑钢筋工：绑扎")
    edit(tree, JOB, r'^    en: "Two years or more.*$', '    en: "Note:two years, or more: as a rebar worker"')
    edit(tree, JOB, r"^    \*\*工作内容\*\*：", "    " + IDEO * 2 + "**工作内容**：")
    edit(tree, JOB, r"^    工作准证由雇主申请", "    note:工作准证由雇主申请\n    en：x\n    工作准证由雇主申请")
    edit(tree, JOB, r"^  age: \[20, 45\]$", '  age: [20, 45]  # 年龄：20，45')
    code, out, err = cli("--root", tree, "check", "--today", "2026-11-21")
    # The edits change the approved content: only the digest refusal may remain.
    problems = [l for l in err.splitlines() if l.startswith(f"{JOB}:")]
    assert all("V-FILING-DIGEST" in l for l in problems), err


def test_label_catalogue_names_the_slip(tree):
    from generator.source.labels import MissingLabel, load_catalogues
    path = tree / "theme/i18n/zh.yml"
    text = path.read_text("utf-8").replace("nav_home: 首页", "nav_home：首页", 1)
    path.write_text(text, "utf-8")
    line = line_of(text, r"^nav_home：")
    with pytest.raises(MissingLabel) as exc:
        load_catalogues(tree / "theme", ("zh", "en"))
    said = str(exc.value)
    assert f"theme/i18n/zh.yml:{line}:" in said
    assert "全角冒号" in said and "full-width colon" in said


def _field_lines(text: str):
    for i, line in enumerate(text.splitlines()):
        m = re.match(r"^([ ]*(?:- )?)([a-z_][a-z0-9_]*):(?: (\S.*))?$", line)
        if m:
            yield i, m


SAMPLE_FILES = ["site_config.yml", "content/agencies.yml", "content/reviewers.yml", "content/jobs/sg-2026-0101.yml",
                "content/countries/JP.yml", "courses/pre-departure-core/course.yml",
                "courses/construction-safety/quizzes/working-at-height.yml", "theme/i18n/zh.yml"]


@pytest.mark.parametrize("rel", SAMPLE_FILES)
def test_every_field_line_of_the_sample_typed_wrong(rel):
    """Each field line of each kind of file, typed in each wrong way, is named on its line."""
    from conftest import ROOT
    from generator.source.yamlload import Doc, parse
    lines = (ROOT / rel).read_text("utf-8").splitlines()
    tried = 0
    for i, m in _field_lines("\n".join(lines)):
        indent, key, value = m.groups()
        wrong = [("colon", f"{indent}{key}：{value or ''}"), ("indent", IDEO + lines[i][1:] if indent else IDEO + lines[i])]
        if value:
            wrong.append(("space", f"{indent}{key}:{value}"))
        for cause, new in wrong:
            found = parse("\n".join(lines[:i] + [new] + lines[i + 1:]) + "\n", rel)
            assert not isinstance(found, Doc), (cause, new)
            assert found.line == i + 1 and CAUSE[cause][0] in found.zh and CAUSE[cause][1] in found.en, \
                (cause, new, found)
            tried += 1
    assert tried > 20


def test_a_real_error_below_chinese_prose_is_not_blamed_on_the_prose(tree, cli):
    edit(tree, JOB, r"^    工作准证由雇主申请", "    note:工作准证由雇主申请\n    " + IDEO * 2 + "en：x\n    工作准证由雇主申请")
    text = edit(tree, JOB, r"\Z", "extra: [1, 2\n")
    code, _, err = cli("--root", tree, "check", "--today", "2026-11-21")
    mine = [l for l in err.splitlines() if l.startswith(f"{JOB}:")]
    assert code == 1 and len(mine) == 2, err
    assert mine[0].startswith(f"{JOB}:{line_of(text, '^extra:')}: ") and "[" in mine[0], err
    assert not any(word in err for word in ("全角", "full-width", "冒号后")), err
