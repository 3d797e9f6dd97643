"""`review`: every dated fact, oldest first, with its sources — the centre's plan of what
to check again. Facts past policy.content_review_months are marked as due.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.problems import Collector, InputError
from generator.source.load import load_tree
from generator.vetting import fact_review
from generator.vetting.verdicts import add_months


def review_command(root: Path, today: dt.date, due_only: bool = False) -> int:
    problems = Collector()
    tree = load_tree(root, problems)
    if problems.errors or tree.site is None:
        raise InputError(problems.problems)
    months = tree.site.policy.content_review_months
    listed = fact_review.due(tree, today) if due_only else fact_review.items(tree)
    due = 0
    for item in listed:
        late = add_months(item["reviewed_on"], months) < today
        due += late
        mark = "到期 DUE " if late else "         "
        print(f"{mark}{item['reviewed_on']}  {item['file']}:{item['line']}: {item['field']}")
        print(f"          {item['zh']} / {item['en']}")
        for source in item["sources"] or ["（没有来源 / no source）"]:
            print(f"          - {source}")
    print(f"共 {len(listed)} 项，其中 {due} 项已超过 {months} 个月未核对 / {len(listed)} dated facts, {due} "
          f"not checked for more than {months} months (as of {today})")
    return 0
