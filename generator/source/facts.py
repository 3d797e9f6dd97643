"""One place per fact: lessons and quizzes quote penalties, limits and numbers as
`{{ fact('SG.penalty_no_pass') }}`, and the words come from the `facts` of the destination
file (content/countries/SG.yml) or, for China's own rules, of site_config.yml (`CN.…`).
One correction there reaches every page, in both languages.

Run once after loading: a key that does not exist is refused with its file and line; a
fact that declares `number` and `finds` is also looked for where a lesson states it by
hand, and a different number there is refused (the lesson says 32 where the file says 31).
"""
from __future__ import annotations

import re

from generator.problems import Collector, msg
from generator.source.load import Tree
from generator.source import models as m
from generator.source.yamlload import strings

CHINA = "CN"
CALL = re.compile(r"\{\{\s*fact\(\s*['\"]([A-Za-z-]+)\.([A-Za-z0-9_-]+)['\"]\s*\)\s*\}\}")
OPENED = re.compile(r"\{\{\s*fact\b")


def registry(tree: Tree) -> dict[str, tuple[m.Fact, str]]:
    """'SG.key' -> (fact, the file it is written in)."""
    out = {}
    for key, country in tree.countries.items():
        for name, fact in country.facts.items():
            out[f"{key}.{name}"] = (fact, f"content/countries/{key}.yml")
        out.update(_wage_facts(key, country))
    if tree.site is not None:
        for name, fact in tree.site.facts.items():
            out[f"{CHINA}.{name}"] = (fact, "site_config.yml")
        line = tree.site.help_abroad.consular_hotline if tree.site.help_abroad else None
        # 12308 is already written once, with its source, as the help line every card carries.
        for name, phone in (("consular_hotline", line and line.phone), ("consular_hotline_backup", line and line.backup)):
            if phone:
                out[f"{CHINA}.{name}"] = (m.Fact(zh=phone, en=phone, source=line.source,
                                                 reviewed_on=line.reviewed_on), "site_config.yml")
    return out


UNIT_ZH = {"hour": "每小时", "day": "每天", "month": "每月"}
MONEY_ZH = {"CNY": "元", "JPY": "日元", "DZD": "第纳尔", "SGD": "新元", "AED": "迪拉姆"}


def _wage_facts(key: str, country: m.Country) -> dict:
    """The minimum wages, quotable as KEY.minimum_wage_<region> (KEY.minimum_wage where national):
    the newest entry of each region, so a lesson states the rate the wage rule uses."""
    out, newest = {}, {}
    for w in country.minimum_wages:
        for region in w.regions or [""]:
            if region not in newest or w.effective_from > newest[region].effective_from:
                newest[region] = w
    for region, w in newest.items():
        amount = f"{w.amount:,}"
        zh = f"{UNIT_ZH[w.per]}{amount}{MONEY_ZH.get(w.currency, ' ' + w.currency)}"
        en = f"{'RMB' if w.currency == 'CNY' else w.currency} {amount} a{'n' if w.per == 'hour' else ''} {w.per}"
        name = f"minimum_wage_{region.replace('-', '_')}" if region else "minimum_wage"
        out[f"{key}.{name}"] = (m.Fact(zh=zh, en=en, source=w.source, reviewed_on=w.reviewed_on, number=w.amount),
                                f"content/countries/{key}.yml")
    return out


def _home(prefix: str) -> str:
    return "site_config.yml" if prefix == CHINA else f"content/countries/{prefix}.yml"


def substitute(text: str, lang: str, facts: dict, report) -> str:
    """The text with every fact() call replaced in `lang`; `report(offset, key)` for each unknown
    key, and `report(offset, None)` for a call written wrongly; those are left as written."""
    calls = {match.start() for match in CALL.finditer(text)}
    for bad in OPENED.finditer(text):
        if bad.start() not in calls:
            report(bad.start(), None)

    def one(match):
        key = f"{match.group(1)}.{match.group(2)}"
        if key in facts:
            return facts[key][0][lang]
        report(match.start(), key)
        return match.group(0)
    return CALL.sub(one, text)


def _unknown(key: str | None, facts: dict) -> tuple[str, str]:
    if key is None:
        return msg("fact 引用的写法不对", "请写成 {{ fact('SG.键名') }}",
                   "a fact() call is not written correctly", "write it as {{ fact('SG.key') }}")
    prefix = key.split(".")[0]
    known = ", ".join(k for k in sorted(facts) if k.startswith(prefix + ".")) or "—"
    return msg(f"没有事实“{key}”", f"在 {_home(prefix)} 的 facts 中加上它（含来源和核对日期），或使用：{known}",
               f"there is no fact '{key}'", f"add it to facts in {_home(prefix)} (with source and date), or use: {known}")


def resolve(tree: Tree, problems: Collector) -> None:
    """Replace fact() calls in every lesson text and quiz, reporting unknown keys with their line."""
    facts = registry(tree)
    # A destination's own summary may quote its facts too, so the file says each number once.
    for key, country in sorted(tree.countries.items()):
        if country.notes and "fact" in country.notes.zh + country.notes.en:
            path = f"content/countries/{key}.yml"
            doc = tree.docs.get(path)
            texts = {}
            for lang in ("zh", "en"):
                texts[lang] = substitute(country.notes[lang], lang, facts, lambda offset, k, lang=lang: problems.add(
                    path, doc.line(("notes", lang)) if doc else 0, f"notes.{lang}", _unknown(k, facts)))
            tree.countries[key] = country.model_copy(update={"notes": m.Text(**texts)})
    for cid, files in sorted(tree.courses.items()):
        for (lesson_id, lang), body in sorted(files.bodies.items()):
            path = f"courses/{cid}/lessons/{lesson_id}.{lang}.md"

            def report(offset, key, body=body, path=path):
                problems.add(path, body.count("\n", 0, offset) + 1, "fact", _unknown(key, facts))
            files.bodies[(lesson_id, lang)] = substitute(body, lang, facts, report)
        for quiz_id, (quiz, qdoc) in sorted(files.quizzes.items()):
            data = quiz.model_dump()
            if "fact" not in repr(data):
                continue
            files.quizzes[quiz_id] = (m.Quiz.model_validate(_walk(data, (), None, facts, qdoc, problems)), qdoc)


def _walk(value, loc, lang, facts, doc, problems):
    if isinstance(value, dict):
        return {k: _walk(v, loc + (k,), k if k in ("zh", "en") else lang, facts, doc, problems)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, loc + (i,), lang, facts, doc, problems) for i, v in enumerate(value)]
    if isinstance(value, str) and lang:
        field = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")
        return substitute(value, lang, facts,
                          lambda offset, key: problems.add(doc.path, doc.line(loc), field, _unknown(key, facts)))
    return value


def mismatches(tree: Tree, problems: Collector) -> None:
    """V-FACT-NUMBER where a lesson or quiz states, by hand, another number for a fact that
    declares `number` and `finds` (checked on the resolved text, so a fact() call always agrees)."""
    checks = [(key, fact, home, re.compile(fact.finds)) for key, (fact, home) in sorted(registry(tree).items())
              if fact.number is not None and fact.finds]
    if not checks:
        return
    for cid, files in sorted(tree.courses.items()):
        texts = [(f"courses/{cid}/lessons/{lid}.{lang}.md", None, body)
                 for (lid, lang), body in sorted(files.bodies.items())]
        for quiz, qdoc in files.quizzes.values():
            texts += [(qdoc.path, loc, text) for loc, text in strings(quiz.model_dump())]
        for path, loc, text in texts:
            for key, fact, home, pattern in checks:
                for found in pattern.finditer(text):
                    said = next((g for g in found.groups() if g), None)
                    if said is None or _number(said) in (None, float(fact.number)):
                        continue
                    line = qdoc_line(files, path, loc) if loc is not None else text.count("\n", 0, found.start()) + 1
                    problems.add(path, line, "fact", msg(
                        f"这里写的是 {said}，但 {home} 中的事实 {key} 是 {fact.number:g}（{fact.zh}）",
                        f"改用 {{{{ fact('{key}') }}}}，或核对后更正 {home}",
                        f"this says {said}, but fact {key} in {home} is {fact.number:g} ({fact.en})",
                        f"quote it as {{{{ fact('{key}') }}}}, or check and correct {home}"), code="V-FACT-NUMBER")


def _number(text: str) -> float | None:
    """The number a `finds` group captured, None if it captured words (the fact's own pattern
    is then too loose; nothing to compare)."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def qdoc_line(files, path: str, loc: tuple) -> int:
    for quiz, qdoc in files.quizzes.values():
        if qdoc.path == path:
            return qdoc.line(loc)
    return 0


