"""`new job ID [--like EXISTING_ID]`: start a job order with every field present and explained.

From the blank template, or from an existing order with its filing cleared (a copy must
be reviewed and approved on its own). The file is not valid until it is filled in:
`check` then lists what is left to do, field by field.
"""
from __future__ import annotations

import re
from pathlib import Path

from generator.source import choices, models as m
from generator.source.yamlwrite import write_atomically
from generator.source.load import Tree, load_tree
from generator.problems import Collector, InputError, Problem, msg
from generator.source.schemas import modeline
from generator.source.yamlload import Doc, load, parse
from generator.source.yamlwrite import blank, lines

ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def notes(tree: Tree) -> dict:
    """What each id field may be, from the files as they are now, with the names staff
    know them by (the same lists check's messages give: choices.py)."""
    out = {}
    if tree.agencies:
        out[("agency",)] = [f"可选 / one of: {choices.agencies(tree).listed('zh')}"]
    if tree.countries:
        out[("employer", "country")] = [f"可选 / one of: {choices.countries(tree).listed('zh')}"]
        visas = [f"{k}: {', '.join(c.work_visas)}" for k, c in sorted(tree.countries.items()) if c.work_visas]
        if visas:
            out[("visa",)] = [f"可选 / one of — {'; '.join(visas)}"]
    if tree.site:
        out[("trade",)] = [f"可选 / one of: {choices.trades(tree.site).listed('zh')}"]
    if tree.courses:
        out[("training",)] = [f"可选 / from: {choices.courses(tree).listed('zh')}"]
    return out


def template(tree: Tree, job_id: str) -> dict:
    data = blank(m.Job)
    data.update(id=job_id, status="open")
    data["costs"] = [{"kind": "service_fee", "item": {"zh": "服务费", "en": "Service fee"},
                      "currency": "CNY", "amount": None}]
    data["training"] = [tree.site.policy.core_course] if tree.site else []
    return data


# What a copy cannot know: when the new order is posted and closes, when selection and
# departure are, how many are wanted. Copied, they would be stale: an apply_by already past
# makes an order that is approved and never shown.
NOT_COPIED = {("posted_on",): None, ("apply_by",): None, ("starts",): "", ("positions",): None,
              ("selection", "date"): None}


def copied(doc: Doc, job_id: str) -> dict:
    data = dict(doc.data)
    data.update(id=job_id, status="open")
    data["filing"] = {"number": None, "approved_by": None, "approved_on": None, "digest": None, "signature": None}
    for loc, empty in NOT_COPIED.items():
        parent = data
        for part in loc[:-1]:
            if not isinstance(parent.get(part), dict):
                break
            parent[part] = parent = dict(parent[part])
        else:
            if loc[-1] in parent:
                parent[loc[-1]] = empty
    return data


def header(rel: str, job_id: str, like: str | None) -> list[str]:
    out = [modeline(rel),
           f"# 招聘信息 {job_id}。填好每一项（# 后面是说明），然后运行：python -m generator check",
           f"# Job order {job_id}. Fill in every field (the lines after # explain each), then run: "
           "python -m generator check"]
    if like:
        out += [f"# 复制自 {like}：备案信息、日期（发布、截止、选拔、出发）和招聘人数已清空，请重新填写；"
                "请逐项核对工资和费用；工种不同时，请重写岗位名称、工作内容、技能要求和课程。",
                f"# Copied from {like}: the filing, the dates (posted, apply by, selection, departure) and the "
                "number of positions are cleared: fill them in. Check every wage and cost; for another trade, "
                "rewrite the title, duties, skills and courses."]
    out += [f"# 审核后 / After review: python -m generator approve {rel} --by 审核人编号REVIEWER_ID", ""]
    return out


def new_job(root: Path, job_id: str, like: str | None) -> int:
    jobs = root / "content" / "jobs"
    target = jobs / f"{job_id}.yml"
    rel = f"content/jobs/{job_id}.yml"
    problems = []
    if not ID.match(job_id) or len(job_id) > 80:
        problems.append(Problem(rel, 0, "id", *msg(
            f"编号“{job_id}”不合格式", "只用小写字母、数字和连字符，例如 sg-2026-0104",
            f"'{job_id}' is not a valid id", "use lower-case letters, digits and hyphens, e.g. sg-2026-0104")))
    elif target.exists():
        problems.append(Problem(rel, 0, "", *msg(
            "这个文件已经存在", "请换一个编号，或直接编辑这个文件",
            "this file already exists", "choose another id, or edit that file")))
    tree = load_tree(root, Collector())      # for the lists of allowed ids; its problems are check's job
    source = None
    if like:
        source = load(jobs / f"{like}.yml", f"content/jobs/{like}.yml") if (jobs / f"{like}.yml").is_file() else None
        if source is None:
            known = ", ".join(sorted(p.stem for p in jobs.glob("*.yml"))) or "—"
            problems.append(Problem(f"content/jobs/{like}.yml", 0, "--like", *msg(
                f"没有编号为“{like}”的招聘信息", f"请用已有的编号：{known}",
                f"there is no job order '{like}'", f"use an existing id: {known}")))
        elif isinstance(source, Problem):
            problems.append(source)
        elif not isinstance(source.data, dict):
            problems.append(Problem(source.path, 1, "", *msg(
                "文件内容不是一组“字段: 值”", "请先改正这个文件", "the file is not a mapping of field: value",
                "fix that file first")))
    if problems:
        raise InputError(problems)
    data = copied(source, job_id) if like else template(tree, job_id)
    text = "\n".join(header(rel, job_id, like) + lines(m.Job, data, notes=notes(tree))) + "\n"
    _same_data(text, rel, data)
    jobs.mkdir(parents=True, exist_ok=True)
    write_atomically_new(target, text)
    print(f"已创建 / Created {rel}")
    print("下一步 / Next: 填写各项 / fill in every field → python -m generator check → "
          f"python -m generator approve {rel} --by 审核人编号REVIEWER_ID → python -m generator serve")
    return 0


def _same_data(text: str, rel: str, data: dict) -> None:
    """The written text must read back as exactly the data meant (a bug here must not
    hand staff a file that says something else)."""
    doc = parse(text, rel)
    if isinstance(doc, Problem) or doc.data != data:
        raise RuntimeError(f"new: the written YAML does not read back as intended ({rel})")


def write_atomically_new(target: Path, text: str) -> None:
    target.touch(mode=0o644, exist_ok=False)       # refuse, never overwrite, if it appeared meanwhile
    write_atomically(target, text)
