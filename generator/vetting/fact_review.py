"""Every dated fact a worker relies on, listed for review: each destination profile, each
minimum wage, each fact the lessons quote, each lesson (with its quiz) and, from
help_review, each help number — with file, line, the date it was last checked and its sources.

`check` warns W-LESSON-REVIEW for a lesson not checked within policy.content_review_months
(W-COUNTRY-REVIEW and W-HELP-REVIEW do the same for destinations and help numbers);
`python -m generator review` prints the whole list, oldest first, so the centre can plan
the work.
"""
from __future__ import annotations

import datetime as dt

from generator.problems import Problem, msg
from generator.source.load import Tree
from generator.vetting import help_review
from generator.vetting.verdicts import add_months


def _shown(loc: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")


def _urls(sources) -> list[str]:
    out = []
    for s in sources:
        if isinstance(s, str):
            out.append(s)
        else:
            out.append(f"{s.title.en}" + (f" <{s.url}>" if s.url else ""))
    return out


def items(tree: Tree) -> list[dict]:
    """One entry per dated fact, oldest first: file, line, field, what (zh, en), reviewed_on, sources."""
    out = []

    def add(path: str, loc: tuple, what: tuple[str, str], reviewed: dt.date, sources: list[str]):
        doc = tree.docs.get(path)
        field = loc + ("reviewed_on",)
        out.append({"file": path, "line": doc.line(field) if doc else 0, "field": _shown(field), "zh": what[0],
                    "en": what[1], "reviewed_on": reviewed, "sources": sources})

    for key, country in sorted(tree.countries.items()):
        path = f"content/countries/{key}.yml"
        add(path, (), (f"目的地资料“{country.name.zh}”", f"destination profile '{country.name.en}'"),
            country.reviewed_on, list(country.sources))
        for i, w in enumerate(country.minimum_wages):
            add(path, ("minimum_wages", i), (f"最低工资：{w.region_name.zh}（{w.effective_from}起）",
                                             f"minimum wage: {w.region_name.en} (from {w.effective_from})"),
                w.reviewed_on, [w.source])
        if country.no_minimum_wage:
            add(path, ("no_minimum_wage",), ("没有最低工资的说明", "the statement that there is no minimum wage"),
                country.no_minimum_wage.reviewed_on, [country.no_minimum_wage.source])
        for name, fact in sorted(country.facts.items()):
            add(path, ("facts", name), (f"课程引用的事实 {key}.{name}", f"fact {key}.{name} quoted by the courses"),
                fact.reviewed_on, [fact.source])
    for cid, files in sorted(tree.courses.items()):
        path = files.doc.path
        for i, lesson in enumerate(files.course.lessons):
            quiz = ("及其测验", " and its quiz") if lesson.quiz else ("", "")
            add(path, ("lessons", i), (f"课时“{lesson.title.zh}”{quiz[0]}", f"lesson '{lesson.title.en}'{quiz[1]}"),
                lesson.reviewed_on, _urls(lesson.sources))
    for h in help_review.items(tree):
        out.append({"file": h["file"], "line": h["line"], "field": h["field"], "zh": h["zh"], "en": h["en"],
                    "reviewed_on": h["reviewed_on"], "sources": [s for s in h["source"].split() if s]})
    return sorted(out, key=lambda item: (item["reviewed_on"], item["file"], item["line"]))


def due(tree: Tree, today: dt.date) -> list[dict]:
    months = tree.site.policy.content_review_months
    return [item for item in items(tree) if add_months(item["reviewed_on"], months) < today]


def warnings(tree: Tree, today: dt.date) -> list[Problem]:
    """W-LESSON-REVIEW for each lesson (and so its quiz) not checked within policy.content_review_months."""
    months = tree.site.policy.content_review_months
    out = []
    for cid, files in sorted(tree.courses.items()):
        doc = files.doc
        for i, lesson in enumerate(files.course.lessons):
            r = lesson.reviewed_on
            if add_months(r, months) >= today:
                continue
            out.append(Problem(doc.path, doc.line(("lessons", i, "reviewed_on")), f"lessons[{i}].reviewed_on", *msg(
                f"课时“{lesson.title.zh}”（及其测验）的事实上次核对于 {r}，已超过 {months} 个月",
                "请按来源核对课文和测验中的罚款、限额、电话等，更新 reviewed_on",
                f"the facts of lesson '{lesson.title.en}' (and its quiz) were last checked on {r}, more than "
                f"{months} months ago", "check the penalties, limits and numbers in the text and quiz against "
                "the sources, then update reviewed_on"), code="W-LESSON-REVIEW", warning=True))
    return out
