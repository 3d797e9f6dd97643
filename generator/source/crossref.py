"""Relations between files: every id a file names must exist, once, where expected.

A job order's agency and courses are checked by vetting (vetting/rules.py), which refuses the
order without stopping the build; the ids checked here are needed to render anything.

Runs after load.py on the whole tree; one small function per kind of file.
"""
from __future__ import annotations

from generator.source import choices, facts
from generator.source.load import Tree
from generator.source.models.help import CARD_ROWS, card_rows
from generator.problems import Collector, msg


def _missing(kind_zh: str, kind_en: str, value: str, known, where_zh: str, where_en: str) -> tuple[str, str]:
    listed = ", ".join(sorted(known)) or "—"
    return msg(f"{kind_zh}“{value}”不存在", f"请使用{where_zh}中已有的一个：{listed}",
               f"{kind_en} '{value}' does not exist", f"use one listed in {where_en}: {listed}")


def check_jobs(tree: Tree, problems: Collector) -> None:
    site = tree.site
    for job_id, job in tree.jobs.items():
        doc = tree.raw_jobs[job_id]

        def add(loc, field, text):
            problems.add(doc.path, doc.line(loc), field, text)

        if job.id != job_id:
            add(("id",), "id", msg(f"id“{job.id}”与文件名“{job_id}.yml”不一致", f"请把 id 改成 {job_id}，或重命名文件",
                                   f"id '{job.id}' does not match the file name '{job_id}.yml'",
                                   f"set id to {job_id} or rename the file"))
        if job.employer.country not in tree.countries:
            add(("employer", "country"), "employer.country", choices.unknown(choices.countries(tree),
                                                                             job.employer.country))
        if site and job.trade not in site.trades:
            add(("trade",), "trade", choices.unknown(choices.trades(site), job.trade))
        if site:
            _check_currencies(tree, job, doc, problems)


def _check_currencies(tree: Tree, job, doc, problems: Collector) -> None:
    rates = tree.site.exchange_rates
    places = [(("wage", "currency"), "wage.currency", job.wage.currency)] + [
        (("costs", i, "currency"), f"costs[{i}].currency", c.currency) for i, c in enumerate(job.costs)]
    for loc, field, currency in places:
        if rates.rate(currency) is None:
            problems.add(doc.path, doc.line(loc), field, msg(
                f"site_config.yml 的 exchange_rates 中没有 {currency} 的汇率", f"请在 exchange_rates 中添加 {currency}",
                f"site_config.yml exchange_rates has no rate for {currency}",
                f"add {currency} to exchange_rates"))


def check_countries(tree: Tree, problems: Collector) -> None:
    for key, country in tree.countries.items():
        doc = tree.docs[f"content/countries/{key}.yml"]
        if country.key != key:
            problems.add(doc.path, doc.line(("key",)), "key", msg(
                f"key“{country.key}”与文件名“{key}.yml”不一致", f"请把 key 改成 {key}，或重命名文件",
                f"key '{country.key}' does not match the file name '{key}.yml'", f"set key to {key} or rename the file"))
        if country.course and country.course not in tree.courses:
            problems.add(doc.path, doc.line(("course",)), "course",
                         _missing("课程", "course", country.course, tree.courses, " courses/ ", "courses/"))
        if not country.domestic and country.embassy is None:
            problems.add(doc.path, doc.line(()), "embassy", msg(
                "境外目的地必须写明中国驻当地使领馆", "请添加 embassy",
                "a foreign destination must name the Chinese embassy", "add embassy"))
        if not country.domestic and country.help is None:
            problems.add(doc.path, doc.line(()), "help", msg(
                "境外目的地必须写明遇到问题时找谁（当地劳工权益热线等）", "请在文件末尾添加 help（格式见 docs/formats.md）",
                "a foreign destination must say whom to call in trouble (local labour-rights lines and more)",
                "add help at the end of the file (see docs/formats.md)"))
        rows = card_rows(country, not country.domestic, bool(tree.site and tree.site.help_abroad))
        if country.help and rows > CARD_ROWS:
            problems.add(doc.path, doc.line(("help", "lines")), "help.lines", msg(
                f"钱包卡正面要列 {rows} 个号码，最多放得下 {CARD_ROWS} 个",
                "给不常用的求助电话加上 card: false（网页上照样显示）",
                f"the wallet card's front would list {rows} numbers; it holds {CARD_ROWS}",
                "set card: false on the lines a worker needs least (the web page still shows them)"))


def check_courses(tree: Tree, problems: Collector) -> None:
    for dirname, files in tree.courses.items():
        if files.course.id != dirname:
            problems.add(files.doc.path, files.doc.line(("id",)), "id", msg(
                f"id“{files.course.id}”与文件夹名“{dirname}”不一致", f"请把 id 改成 {dirname}，或重命名文件夹",
                f"id '{files.course.id}' does not match the folder name '{dirname}'",
                f"set id to {dirname} or rename the folder"))


def check(tree: Tree, problems: Collector) -> None:
    check_jobs(tree, problems)
    check_countries(tree, problems)
    check_courses(tree, problems)
    # Lessons and quizzes quote facts from the country files: resolve them, refuse unknown
    # keys and numbers stated by hand that differ from the file.
    facts.resolve(tree, problems)
    facts.mismatches(tree, problems)
