"""The help numbers a worker dials in trouble, listed for review: every help line, the
liaison stations, the rights on the cards, 12308 and the first-hour steps, each with its
file and line, source, the date it was last checked and whether that source was primary.

`check` warns (W-HELP-REVIEW) about those not checked within policy.content_review_months;
the vetting report lists them all, oldest first, so staff can plan the calls to make.
"""
from __future__ import annotations

import datetime as dt

from generator.problems import Problem, msg
from generator.source.load import Tree
from generator.vetting.verdicts import add_months


def items(tree: Tree) -> list[dict]:
    """One entry per dated help fact, oldest first."""
    out = []

    def add(path: str, loc: tuple, what: tuple[str, str], reviewed: dt.date, phone: str = "",
            source: str = "", verified: str = "", note: str = ""):
        doc = tree.docs.get(path) or tree.site_doc
        field = loc + ("reviewed_on",)
        shown = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in field).replace(".[", "[")
        out.append({"file": doc.path, "line": doc.line(field), "field": shown, "zh": what[0], "en": what[1],
                    "phone": phone, "reviewed_on": reviewed, "source": source, "verified": verified,
                    "note": note})

    def line_item(path, loc, line):
        add(path, loc, (f"求助电话“{line.name.zh}”", f"help line '{line.name.en}'"), line.reviewed_on,
            line.phone or "", line.source, line.verified, line.note or "")

    for key, country in sorted(tree.countries.items()):
        if country.help is None:
            continue
        path = f"content/countries/{key}.yml"
        for i, line in enumerate(country.help.lines):
            line_item(path, ("help", "lines", i), line)
        if country.help.liaison:
            add(path, ("help", "liaison"), ("驻外联络站电话", "the liaison station's phone"),
                country.help.liaison.reviewed_on, country.help.liaison.phone)
        add(path, ("help",), ("钱包卡上的权利要点", "the rights on the wallet card"), country.help.reviewed_on,
            source=" ".join(country.help.sources))
    abroad = tree.site.help_abroad
    if abroad:
        line_item(tree.site_doc.path, ("help_abroad", "consular_hotline"), abroad.consular_hotline)
        add(tree.site_doc.path, ("help_abroad",), ("“第一个小时做什么”的步骤", "the first-hour steps"),
            abroad.reviewed_on, source=" ".join(abroad.sources))
    return sorted(out, key=lambda item: (item["reviewed_on"], item["file"], item["line"]))


def warnings(tree: Tree, today: dt.date) -> list[Problem]:
    """W-HELP-REVIEW for each help fact not checked within policy.content_review_months:
    a number a worker dials in trouble is the fact that must not go stale."""
    months = tree.site.policy.content_review_months
    out = []
    for item in items(tree):
        if add_months(item["reviewed_on"], months) >= today:
            continue
        extra = ("（上次只在二手资料中找到，请到官方网站核对）", " (last found in a secondary source only: check "
                 "it on the official site)") if item["verified"] == "secondary" else ("", "")
        out.append(Problem(item["file"], item["line"], item["field"], *msg(
            f"{item['zh']}上次核对于 {item['reviewed_on']}，已超过 {months} 个月{extra[0]}",
            "请重新核对号码和来源，更新 reviewed_on",
            f"{item['en']} was last checked on {item['reviewed_on']}, more than {months} months ago{extra[1]}",
            "check the number and its source again, then update reviewed_on"), code="W-HELP-REVIEW", warning=True))
    return out
