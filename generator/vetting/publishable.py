"""Will anyone ever see this order as it was meant? Warnings (W-…) for an approval that
publishes nothing, or something that is not what the reviewer thinks.

A reviewer who approves an order whose `apply_by` has already passed signs an order that is
never shown; a first approval of an order whose `posted_on` is older than the approval
publishes a posting date from before anyone checked it (`approve` only: an order approved
again after a correction rightly keeps the day it was first posted); a copy made with `new job --like` for another trade may still
carry the first trade's skills and courses. None of these is unlawful, so none refuses the
order, but `check` and `approve` say so, each on the line to change.
"""
from __future__ import annotations

from generator.problems import msg
from generator.source.models import Job
from generator.vetting.rules import Context, Refusal, normalise

CODES = ("W-EXPIRED-ON-APPROVAL", "W-POSTED-BEFORE-APPROVAL", "W-COPIED-OTHER-TRADE")

# The texts a copy for another trade must not keep word for word.
TEXTS = [(("title",), "title", "岗位名称", "the job title"),
         (("duties",), "duties", "工作内容", "the duties"),
         (("requirements", "skills"), "requirements.skills", "技能要求", "the skills"),
         (("selection", "method"), "selection.method", "选拔方式", "the selection method")]


def _w(code: str, loc: tuple, text: tuple[str, str]) -> Refusal:
    return Refusal(code, loc, *text, warning=True)


def expired_on_approval(job: Job, ctx: Context):
    on = job.filing.approved_on
    if job.status == "open" and on and job.apply_by < on:
        yield _w("W-EXPIRED-ON-APPROVAL", ("apply_by",), msg(
            f"审核日期 {on} 时报名已经截止（apply_by: {job.apply_by}）：这条招聘信息一天也不会刊登",
            "如果还在招聘，请改正 apply_by 和 posted_on 后重新审核；否则设为 status: closed",
            f"applications had closed (apply_by: {job.apply_by}) before the approval on {on}: "
            "this order is never shown", "if it is still recruiting, correct apply_by and posted_on and approve "
            "it again; otherwise set status: closed"))


def posted_before_approval(job: Job, ctx: Context):
    """For a first approval only (approve knows; a file does not): an order approved again
    after a correction keeps the date it was first posted."""
    on = job.filing.approved_on
    if job.status == "open" and on and job.posted_on < on <= job.apply_by:
        yield _w("W-POSTED-BEFORE-APPROVAL", ("posted_on",), msg(
            f"发布日期 {job.posted_on} 早于审核日期 {on}：网站会显示一个审核之前的发布日期",
            "把 posted_on 改为审核当天或实际刊登的日期，然后重新审核",
            f"posted_on {job.posted_on} is before the approval on {on}: the site would show a posting date "
            "from before anyone approved it", "set posted_on to the day of approval or of publication, and "
            "approve it again"))


def _trade(ctx: Context, trade: str) -> tuple[str, str]:
    label = ctx.tree.site.trades.get(trade) if ctx.tree.site else None
    return (f"{label.zh}（{trade}）", f"{trade} ({label.zh})") if label else (trade, trade)


def copied_from_another_trade(job: Job, ctx: Context):
    """Texts identical to an order of another trade, and courses only other trades ask for."""
    if job.status != "open":
        return
    mine = _trade(ctx, job.trade)
    texts, courses = _indexes(ctx)
    for loc, field, zh_name, en_name in TEXTS:
        text = _at(job, loc)
        # The order itself has this trade, so "another trade" also means "another order".
        same = min((jid for lang in ("zh", "en") for trade, jid in texts.get((loc, lang, normalise(text[lang])), {}).items()
                    if trade != job.trade), default=None)
        if same:
            theirs = _trade(ctx, ctx.tree.jobs[same].trade)
            yield _w("W-COPIED-OTHER-TRADE", loc, msg(
                f"{zh_name}与 {same}（工种：{theirs[0]}）的完全相同，而本岗位的工种是{mine[0]}：是复制时留下的吗？",
                f"请按本岗位重写 {field}",
                f"{en_name} is word for word that of {same} (trade {theirs[1]}), but this order's trade is "
                f"{mine[1]}: left over from a copy?", f"rewrite {field} for this job"))
    general = {ctx.policy.core_course} | {c.course for c in ctx.tree.countries.values() if c.course}
    for i, course in enumerate(job.training):
        if course in general:
            continue
        # Not `ids - {job.id}`: a copy of a set of thousands, for every order.
        users = {trade for trade, ids in courses.get(course, {}).items() if len(ids) > 1 or job.id not in ids}
        if not users or job.trade in users:
            continue
        theirs = [_trade(ctx, t) for t in sorted(users)]
        yield _w("W-COPIED-OTHER-TRADE", ("training", i), msg(
            f"课程“{course}”只有其他工种（{'、'.join(t[0] for t in theirs)}）的招聘信息要求，本岗位的工种是"
            f"{mine[0]}：是复制时留下的吗？", "请换成本工种需要的课程，或确认确实需要它",
            f"only orders of other trades ({', '.join(t[1] for t in theirs)}) require the course '{course}', "
            f"and this order's trade is {mine[1]}: left over from a copy?",
            "require the courses this trade needs, or make sure this one is meant"))


def _indexes(ctx: Context) -> tuple[dict, dict]:
    """Built once a check, so that each order looks across all the others in linear time:
    (field, language, normalised text) → {trade: first order id}, and course → {trade: {order
    ids}}. Only the first id per trade is kept: hundreds of orders of one trade may share a title."""
    if "copied" not in ctx.memo:
        texts: dict = {}
        courses: dict = {}
        for jid, o in sorted(ctx.tree.jobs.items()):
            for loc, *_ in TEXTS:
                text = _at(o, loc)
                for lang in ("zh", "en"):
                    texts.setdefault((loc, lang, normalise(text[lang])), {}).setdefault(o.trade, jid)
            for course in o.training:
                courses.setdefault(course, {}).setdefault(o.trade, set()).add(jid)
        ctx.memo["copied"] = (texts, courses)
    return ctx.memo["copied"]


def _at(job: Job, loc: tuple):
    value = job
    for part in loc:
        value = getattr(value, part)
    return value


RULES = [expired_on_approval, copied_from_another_trade]
FIRST_APPROVAL_RULES = [posted_before_approval]
