"""`approve FILE... --by NAME`: check each order, then write its approval in place."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import vet
from .approve import approved_text, write_atomically
from .build import check
from .models import Job
from .problems import InputError, Problem, msg
from .yamlload import load, parse


def approve_files(root: Path, files: list[Path], by: str, today: dt.date) -> int:
    by = by.strip()
    problems: list[Problem] = []
    if not by:
        problems.append(Problem("--by", 0, "", *msg("审核人姓名不能为空", "请写 --by 姓名",
                                                     "the approver's name is empty", "give --by NAME")))
    # The whole tree must be valid: an order is approved against the agencies, countries
    # and courses it names, not on its own.
    try:
        result = check(root, today)
    except InputError as exc:
        result, problems = None, problems + exc.problems
    texts = {}
    for file in files:
        path = (file if file.is_absolute() else Path.cwd() / file).resolve()
        try:
            shown = path.relative_to(root).as_posix()
        except ValueError:
            shown = str(file)
        if path.parent != root / "content" / "jobs" or path.suffix != ".yml":
            problems.append(Problem(shown, 0, "", *msg("只能审核 content/jobs/ 下的招聘文件", "请检查文件路径",
                                                        "only job orders in content/jobs/ can be approved",
                                                        "check the file path")))
            continue
        doc = load(path, shown)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        if result is not None and path.stem not in result.tree.jobs:
            continue  # its problems are already in the list from check()
        text = approved_text(doc, by, today)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        refusals = _vet_approved(result, path.stem, parse(text, shown), today)
        if refusals:
            problems.extend(refusals)       # staff cannot approve an unlawful advertisement
        else:
            texts[path] = (shown, text)
    if problems:
        raise InputError(problems)       # nothing is written unless every file is fine
    for path, (shown, text) in texts.items():
        write_atomically(path, text)
        print(f"已审核 / Approved: {shown} ({by}, {today.isoformat()})")
    return 0


def _vet_approved(result, job_id: str, doc, today: dt.date) -> list[Problem]:
    """Vet the order as it would be once approved."""
    tree = result.tree
    tree.raw_jobs[job_id], tree.jobs[job_id] = doc, Job.model_validate(doc.data)
    ctx = vet.context(tree, today)
    rules = vet.CONTENT_RULES + vet.CURRENT_RULES
    refusals = vet.vet_job(tree.jobs[job_id], ctx, rules)
    return vet.problems(tree, {job_id: vet.Verdict(job_id, "refused", refusals)})
