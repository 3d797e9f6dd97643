"""Validation messages a non-programmer can act on: one mistake, one message, one fix.

Each case is what a staff member typed; the message must name the field's choices in words
they know (the Chinese labels), say "empty" for an empty field, and give an example that
fits the field. Messages are checked for meaning in both languages, not for wording."""
from __future__ import annotations

import re

import pytest

from test_bad_input import edit, line_of

JOB = "content/jobs/sg-2026-0101.yml"


def _check(tree, cli, rel=JOB):
    code, out, err = cli("--root", tree, "check", "--today", "2026-11-21")
    assert "Traceback" not in out + err
    # The edits change approved content; the digest refusal is not what these tests are about.
    mine = [l for l in err.splitlines() if l.startswith(f"{rel}:") and "V-FILING-DIGEST" not in l]
    return code, mine, err


def _one(tree, cli, old, new, where, rel=JOB):
    """Edit, check, and return the one (zh, en) message the edit causes, on its line."""
    text = edit(tree, rel, old, new)
    code, mine, err = _check(tree, cli, rel)
    assert code == 1, err
    assert len(mine) == 2, err                     # one message: its Chinese and English line
    line = line_of(text, where)
    assert all(l.startswith(f"{rel}:{line}: ") for l in mine), err
    zh, en = mine
    for said in (zh, en):
        assert "None" not in said and "a-z, 0-9" not in said, said
    return zh, en


TRADES = [("welding", "电焊"), ("construction", "建筑施工"), ("sewing", "服装缝纫")]


@pytest.mark.parametrize("typed", ["焊工", "weldng", "Welding-Work"])
def test_unknown_trade_lists_the_trades_with_their_chinese_names(tree, cli, typed):
    zh, en = _one(tree, cli, r"^trade: .*$", f"trade: {typed}", r"^trade:")
    for trade_id, label in TRADES:
        assert trade_id in zh and label in zh, zh
        assert trade_id in en and label in en, en
    assert "工种" in zh and "trade" in en


def test_a_trade_written_in_chinese_is_translated_to_its_id(tree, cli):
    zh, en = _one(tree, cli, r"^trade: .*$", "trade: 电焊", r"^trade:")
    assert "welding" in zh and "welding" in en
    assert "construction" not in zh + en        # the one fix, not a list to read


def test_visa_in_chinese_names_the_destinations_work_visas(tree, cli):
    zh, en = _one(tree, cli, r"^visa: .*$", "visa: 工作准证", r"^visa:")
    for said in (zh, en):
        assert "work_permit" in said and "s_pass" in said, said
    assert "签证" in zh and "visa" in en


@pytest.mark.parametrize("typed", ["agency:", 'agency: ""'])
def test_empty_agency_says_empty_and_lists_the_agencies(tree, cli, typed):
    zh, en = _one(tree, cli, r"^agency: .*$", typed, r"^agency:")
    assert "空" in zh and "empty" in en
    for said in (zh, en):
        assert "hanyang-intl" in said and "qihang-hr" in said, said
    assert "瀚洋" in zh


def test_agency_by_part_of_its_chinese_name(tree, cli):
    zh, en = _one(tree, cli, r"^agency: .*$", "agency: 瀚洋", r"^agency:")
    assert "hanyang-intl" in zh and "hanyang-intl" in en
    assert "qihang-hr" not in zh + en


def test_country_in_chinese_is_translated_to_its_key(tree, cli):
    zh, en = _one(tree, cli, r"^  country: SG$", "  country: 新加坡", r"^  country:")
    assert re.search(r"\bSG\b", zh) and re.search(r"\bSG\b", en)
    assert "JP" not in zh + en                  # the one fix, not a list to read


def test_minimum_wage_region_in_chinese_is_translated_to_its_id(tree, cli):
    rel = "content/jobs/jp-2026-0201.yml"
    zh, en = _one(tree, cli, r"^  region: gifu$", "  region: 岐阜", r"^  region:", rel)
    assert "gifu" in zh and "gifu" in en and "tokyo" not in zh + en


@pytest.mark.parametrize("field,old,where", [
    ("positions", r"^positions: .*$", r"^positions:"),
    ("posted_on", r"^posted_on: .*$", r"^posted_on:"),
    ("hours_per_week", r"^  hours_per_week: .*$", r"^  hours_per_week:"),
])
def test_an_empty_field_is_called_empty(tree, cli, field, old, where):
    indent = "  " if old.startswith(r"^  ") else ""
    zh, en = _one(tree, cli, old, f"{indent}{field}:", where)
    assert "空" in zh and "empty" in en


def test_examples_fit_the_field(tree, cli):
    """An empty hours_per_week is not told to write 1800, nor rest days 40."""
    zh, en = _one(tree, cli, r"^  hours_per_week: .*$", "  hours_per_week:", r"^  hours_per_week:")
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", en.split("—", 1)[1])]
    assert numbers and all(0 < n <= 168 for n in numbers), en


def test_rest_days_example_fits(tree, cli):
    zh, en = _one(tree, cli, r"^  rest_days_per_month: .*$", "  rest_days_per_month: many",
                  r"^  rest_days_per_month:")
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", en.split("—", 1)[1])]
    assert numbers and all(0 <= n <= 31 for n in numbers), en


@pytest.mark.parametrize("typed", ["[]", "[20]"])
def test_age_range_with_too_few_numbers_is_one_message_not_missing(tree, cli, typed):
    zh, en = _one(tree, cli, r"^  age: .*$", f"  age: {typed}", r"^  age:")
    assert "缺少必填字段" not in zh and "required field is missing" not in en     # it is there
    assert re.search(r"\[\d+, \d+\]", en), en                                      # how to write it


def test_amount_with_a_unit_is_one_message_saying_write_the_number(tree, cli):
    zh, en = _one(tree, cli, r"^  amount: 1650$", "  amount: 1800新元", r"^  amount: 1800")
    assert "1800" in zh.split("—", 1)[1] and "1800" in en.split("—", 1)[1]
    assert "整数" not in zh and "whole number" not in en       # not two contradicting types


def test_blank_order_lists_each_field_once(tree, cli):
    assert cli("--root", tree, "new", "job", "sg-2026-0199")[0] == 0
    rel = "content/jobs/sg-2026-0199.yml"
    code, mine, err = _check(tree, cli, rel)
    assert code == 1
    fields = [re.match(rf"{re.escape(rel)}:\d+: ([^:]+):", l).group(1) for l in mine[::2]]
    assert len(fields) == len(set(fields)), err                    # no field twice
    assert not any(f.endswith((".zh", ".en")) for f in fields), err  # a text's two languages: one message
    assert len(mine) // 2 <= 32, err
    for said in mine:
        assert "None" not in said and "1800" not in said and "a-z, 0-9" not in said, said


def _fields(model, seen=None):
    import typing
    from pydantic import BaseModel
    seen = seen if seen is not None else set()
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield model, name, info
        stack = [info.annotation]
        while stack:
            ann = stack.pop()
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                yield from _fields(ann, seen)
            stack.extend(typing.get_args(ann))


def test_every_example_a_model_gives_is_valid_for_its_field():
    """The examples the template and the messages show are accepted by the field itself."""
    from typing import Annotated
    from pydantic import TypeAdapter
    from generator.source import models as m
    checked = 0
    for root in (m.Job, m.SiteConfig, m.Country, m.Agency, m.Course, m.Quiz, m.Reviewer):
        for model, name, info in _fields(root):
            for example in info.examples or []:
                kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
                TypeAdapter(kind).validate_python(example)
                checked += 1
    assert checked >= 8


def test_blank_template_shows_examples_that_fit(tree, cli):
    assert cli("--root", tree, "new", "job", "sg-2026-0199")[0] == 0
    text = (tree / "content/jobs/sg-2026-0199.yml").read_text("utf-8")
    hours = re.search(r"# 例如 / e\.g\. (\d+)\n\s*hours_per_week:", text)
    assert hours and 0 < int(hours.group(1)) <= 168
