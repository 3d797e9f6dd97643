"""The rules of lawful advertising, one small function each.

Every rule returns the refusals it finds for one job order, each with a stable code, the
field it concerns (for the line number) and a message in both languages. Policy numbers
and word lists come from site_config.yml. An order with any refusal is not published.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from generator.source import choices, money
from generator.vetting import approvals, minimum_wage
from generator.vetting.digest import accepted
from generator.source.load import Tree
from generator.source.models import Job
from generator.source.yamlload import strings
from generator.problems import msg

@dataclass(frozen=True)
class Refusal:
    code: str
    loc: tuple
    zh: str
    en: str
    warning: bool = False      # W-… codes: printed, but the order is still published


@dataclass
class Context:
    tree: Tree
    today: dt.date
    filing_numbers: dict = field(default_factory=dict)   # normalised number -> [job ids]
    approvals: dict = field(default_factory=dict)        # job id -> approvals.claim_or_finding's answer
    verified: dict = field(default_factory=dict)         # job id -> ssh-keygen accepted its signature
    authorship: object = None                            # authorship.Authorship, None before it is read
    memo: dict = field(default_factory=dict)             # indexes a rule across all orders builds once a check

    @property
    def policy(self):
        return self.tree.site.policy


def _r(code: str, loc: tuple, text: tuple[str, str]) -> Refusal:
    return Refusal(code, loc, *text)


def normalise(text: str) -> str:
    """Fold case, full-width forms and spaces, so 'Ｇ U A R A N T E E D' finds 'guaranteed'."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


# ---- filing ---------------------------------------------------------------------

def filing_number(job: Job, ctx: Context):
    number = job.filing.number
    if not number:
        yield _r("V-FILING-NUMBER", ("filing", "number"), msg(
            "缺少备案号", "请填写中心签发的备案号 filing.number", "the filing number is missing",
            "write the number the Centre issued in filing.number"))
    elif len(ctx.filing_numbers.get(normalise(number), [])) > 1:
        others = ", ".join(j for j in ctx.filing_numbers[normalise(number)] if j != job.id)
        yield _r("V-FILING-DUPLICATE", ("filing", "number"), msg(
            f"备案号 {number} 与 {others} 重复", "每个招聘信息的备案号必须唯一",
            f"filing number {number} is also used by {others}", "each order needs its own filing number"))


def filing_approval(job: Job, ctx: Context):
    f = job.filing
    if not f.approved_by or not f.approved_on:
        yield _r("V-FILING-APPROVAL", ("filing",), msg(
            "尚未审核：缺少 approved_by 或 approved_on", "审核后运行 python -m generator approve 文件 --by 审核人",
            "not approved: approved_by or approved_on is missing",
            "after review run: python -m generator approve FILE --by REVIEWER"))
    elif f.approved_on > ctx.today:
        yield _r("V-FILING-FUTURE", ("filing", "approved_on"), msg(
            f"审核日期 {f.approved_on} 晚于今天", "审核日期不能是将来的日期",
            f"approval date {f.approved_on} is in the future", "an approval cannot be dated in the future"))


def filing_digest(job: Job, ctx: Context):
    doc = ctx.tree.raw_jobs[job.id]
    if job.filing.approved_by and job.filing.approved_on and job.filing.digest not in accepted(doc.data):
        yield _r("V-FILING-DIGEST", ("filing", "digest"), msg(
            "审核后内容被修改过（或 digest 不是由 approve 写入的）",
            "重新审核后运行 python -m generator approve 文件 --by 审核人",
            "the order was changed after approval (or the digest was not written by approve)",
            "review it again, then run: python -m generator approve FILE --by REVIEWER"))


def filing_signature(job: Job, ctx: Context):
    for code, loc, (zh, en), warning in approvals.signature_findings(ctx.approvals.get(job.id),
                                                                     ctx.verified.get(job.id, False)):
        yield Refusal(code, loc, zh, en, warning)


def filing_four_eyes(job: Job, ctx: Context):
    held = approvals.holds(ctx.approvals.get(job.id), ctx.verified.get(job.id, False))
    for code, loc, (zh, en), warning in approvals.four_eyes_findings(job, ctx.tree, ctx.authorship, held):
        yield Refusal(code, loc, zh, en, warning)


# ---- agency ---------------------------------------------------------------------

def agency_licence(job: Job, ctx: Context):
    agency = ctx.tree.agencies.get(job.agency)
    if agency is None:
        known = choices.agencies(ctx.tree)      # by id and the name staff know it by
        yield _r("V-AGENCY-UNKNOWN", ("agency",), msg(
            f"中介机构“{job.agency}”不在 content/agencies.yml 中", f"只能使用有资质的机构：{known.listed('zh')}",
            f"agency '{job.agency}' is not in content/agencies.yml", f"use a licensed agency: {known.listed('en')}"))
        return
    if agency.licence.valid_until < ctx.today:
        yield _r("V-AGENCY-LICENCE-EXPIRED", ("agency",), msg(
            f"机构“{agency.name.zh}”的许可证已于 {agency.licence.valid_until} 过期", "请换用许可证有效的机构",
            f"the licence of '{agency.name.en}' expired on {agency.licence.valid_until}",
            "use an agency whose licence is valid"))
    country = ctx.tree.countries[job.employer.country]
    needed = "domestic" if country.domestic else "overseas"
    if needed not in agency.licence.scope:
        what = ("对外劳务合作经营资格", "an overseas labour-cooperation licence") if needed == "overseas" else \
               ("职业中介许可", "a domestic employment-agency licence")
        yield _r("V-AGENCY-SCOPE", ("agency",), msg(
            f"机构“{agency.name.zh}”没有{what[0]}", "请换用经营范围包含该目的地的机构",
            f"'{agency.name.en}' does not hold {what[1]}", "use an agency licensed for this destination"))


def agency_24h(job: Job, ctx: Context):
    """Abroad, the agency must follow its workers and deal with emergencies at once
    (对外劳务合作管理条例 arts. 16 and 17): the Centre asks for a number that answers day
    and night before it advertises an overseas order."""
    agency = ctx.tree.agencies.get(job.agency)
    if not ctx.policy.agency_24h_contact or agency is None or not job.overseas or agency.phone_24h:
        return
    if agency.licence.valid_until < ctx.today or "overseas" not in agency.licence.scope:
        return      # agency_licence already says to use another agency: one mistake, one message
    yield _r("V-AGENCY-24H", ("agency",), msg(
        f"机构“{agency.name.zh}”没有登记24小时应急电话，本中心不发布其境外岗位",
        f"在 content/agencies.yml 中为 {agency.id} 填写 phone_24h（国际格式，例如 \"+86 527 8861 2400\"）",
        f"'{agency.name.en}' has no 24-hour emergency phone on file; the Centre does not advertise its "
        "overseas orders", f"add phone_24h for {agency.id} in content/agencies.yml (international form, "
        "e.g. \"+86 527 8861 2400\")"))


# ---- dates, visa, wage, hours ----------------------------------------------------

def dates(job: Job, ctx: Context):
    if job.posted_on > ctx.today:
        yield _r("V-DATES-POSTED-FUTURE", ("posted_on",), msg(
            f"发布日期 {job.posted_on} 晚于今天", "请填写实际发布日期", f"posted_on {job.posted_on} is in the future",
            "write the real date of posting"))
    if job.apply_by < job.posted_on:
        yield _r("V-DATES-APPLY-BY", ("apply_by",), msg(
            f"报名截止日期 {job.apply_by} 早于发布日期 {job.posted_on}", "请改正日期",
            f"apply_by {job.apply_by} is before posted_on {job.posted_on}", "correct the dates"))


def visa(job: Job, ctx: Context):
    country = ctx.tree.countries[job.employer.country]
    if country.domestic:
        return
    if job.visa not in country.work_visas:
        allowed = ", ".join(country.work_visas) or "—"
        got = job.visa or "—"
        yield _r("V-VISA", ("visa",), msg(
            f"签证类型“{got}”不是{country.name.zh}的工作签证；持旅游、商务或学习签证务工是违法的（对外劳务合作管理条例第八条）",
            f"请使用以下工作签证之一：{allowed}",
            f"visa '{got}' is not a work visa of {country.name.en}; working on a tourist, business or study visa "
            "is illegal (Regulations on Foreign Labour Cooperation, art. 8)", f"use one of: {allowed}"))


def monthly(amount: float, per: str, job: Job) -> float:
    return money.monthly(amount, per, job.contract.hours_per_week, job.contract.rest_days_per_month)


def to_cny(amount: float, currency: str, ctx: Context) -> float | None:
    return money.to_cny(amount, currency, ctx.tree.site.exchange_rates)


def wage(job: Job, ctx: Context):
    if job.wage.amount <= 0:
        yield _r("V-WAGE-POSITIVE", ("wage", "amount"), msg(
            "工资必须大于 0", "请填写实际工资", "the wage must be more than 0", "write the real wage"))
        return
    country = ctx.tree.countries[job.employer.country]
    floor = minimum_wage.applicable(country, job)
    if floor.wage is None:
        for code, loc, text in minimum_wage.unchecked(job, country, floor.problem):
            yield Refusal(code, loc, *text, warning=True)
        return
    minimum = floor.wage
    offered = to_cny(monthly(job.wage.amount, job.wage.per, job), job.wage.currency, ctx)
    least = to_cny(monthly(minimum.amount, minimum.per, job), minimum.currency, ctx)
    used_zh = (f"{minimum.region_name.zh}自 {minimum.effective_from} 起的最低工资 {minimum.amount:,} "
               f"{minimum.currency}/{minimum.per}")
    used_en = (f"the minimum wage of {minimum.region_name.en} from {minimum.effective_from}, {minimum.currency} "
               f"{minimum.amount:,}/{minimum.per}")
    if offered is None or least is None:
        yield _r("V-WAGE-RATE", ("wage", "currency"), msg(
            f"缺少 {minimum.currency} 或 {job.wage.currency} 的汇率，无法与{used_zh}比较",
            "请在 site_config.yml 的 exchange_rates 中补上",
            f"no exchange rate for {minimum.currency} or {job.wage.currency} to compare with {used_en}",
            "add it to exchange_rates in site_config.yml"))
    else:
        for code, loc, text in minimum_wage.outdated(job, country, minimum):
            yield Refusal(code, loc, *text, warning=True)
    if offered is not None and least is not None and offered < least - 0.005:
        yield _r("V-WAGE-MINIMUM", ("wage", "amount"), msg(
            f"工资低于{used_zh}（按合同工时折算每月约 {least:,.0f} 元，本岗位约 {offered:,.0f} 元；"
            f"按 {job.starts} 出发时的工作地点计）", "请提高工资或核对工时",
            f"the wage is below {used_en} (about CNY {least:,.0f} a month at the contract hours; this order "
            f"about CNY {offered:,.0f}; taken at the place of work when the order starts, {job.starts})",
            "raise the wage or check the hours"))


def hours(job: Job, ctx: Context):
    country = ctx.tree.countries[job.employer.country]
    if job.contract.hours_per_week > country.max_hours_per_week:
        yield _r("V-HOURS-WEEK", ("contract", "hours_per_week"), msg(
            f"每周 {job.contract.hours_per_week} 小时，超过{country.name.zh}的法定上限 {country.max_hours_per_week} 小时",
            "请按当地法律改正工时（加班另计）",
            f"{job.contract.hours_per_week} hours a week is more than {country.name.en}'s legal "
            f"{country.max_hours_per_week}", "correct the hours as local law requires (overtime is separate)"))
    least = ctx.policy.min_rest_days_per_month
    if job.contract.rest_days_per_month < least:
        yield _r("V-HOURS-REST", ("contract", "rest_days_per_month"), msg(
            f"每月休息 {job.contract.rest_days_per_month} 天，少于 {least} 天", f"每月至少休息 {least} 天",
            f"{job.contract.rest_days_per_month} rest days a month is fewer than {least}",
            f"give at least {least} rest days a month"))


# ---- money the worker pays ---------------------------------------------------------

def fees(job: Job, ctx: Context):
    share = ctx.policy.max_service_fee_share
    fees_cny = [to_cny(c.amount, c.currency, ctx) for c in job.costs if c.kind == "service_fee"]
    if any(f is None for f in fees_cny):
        return  # crossref reports the missing rate
    total_fee = sum(fees_cny)
    wage_cny = to_cny(monthly(job.wage.amount, job.wage.per, job), job.wage.currency, ctx) or 0
    limit = share * wage_cny * job.contract.months
    if total_fee > 0 and share == 0:
        yield _r("V-FEE-LIMIT", ("costs",), msg(
            "本中心执行雇主付费政策，不得向劳务人员收取服务费", "请把服务费改为 0",
            "the Centre's policy is that the employer pays: no service fee may be charged to the worker",
            "set the service fee to 0"))
    elif total_fee > limit + 0.005:
        yield _r("V-FEE-LIMIT", ("costs",), msg(
            f"服务费合计约 {total_fee:,.0f} 元，超过合同期工资总额的 {share:.1%}（约 {limit:,.0f} 元）",
            "请降低服务费", f"service fees total about CNY {total_fee:,.0f}, more than {share:.1%} of the "
            f"contract's total wages (about CNY {limit:,.0f})", "lower the service fee"))


def deposits(job: Job, ctx: Context):
    words = [(w, normalise(w)) for w in ctx.policy.deposit_words]
    for i, cost in enumerate(job.costs):
        texts = (normalise(cost.item.zh), normalise(cost.item.en))   # a word within one language
        hit = next((w for w, n in words if any(n in t for t in texts)), None)
        if hit:
            yield _r("V-FEE-DEPOSIT", ("costs", i, "item"), msg(
                f"费用“{cost.item.zh}”是押金或保证金（{hit}），法律禁止收取（对外劳务合作管理条例第二十五条）",
                "删除这项费用", f"cost '{cost.item.en}' is a deposit or bond ({hit}), which the law forbids "
                "(Regulations on Foreign Labour Cooperation, art. 25)", "remove this cost"))


def insurance(job: Job, ctx: Context):
    if job.overseas and not job.provided.insurance:
        yield _r("V-INSURANCE", ("provided", "insurance"), msg(
            "境外岗位必须为劳务人员提供保险", "请写 insurance: true，并确认合同中有保险条款",
            "an overseas order must provide insurance", "set insurance: true and make sure the contract covers it"))


def age(job: Job, ctx: Context):
    low, high = ctx.policy.worker_age
    a, b = job.requirements.age
    if a < low or b > high:
        yield _r("V-AGE", ("requirements", "age"), msg(
            f"年龄要求 {a}–{b} 岁超出 {low}–{high} 岁", f"请把年龄范围限制在 {low}–{high} 岁之内",
            f"the age range {a}–{b} goes outside {low}–{high}", f"keep the range within {low}–{high}"))


def wording(job: Job, ctx: Context):
    if "banned" not in ctx.memo:
        ctx.memo["banned"] = [(p, norm) for p in ctx.policy.banned_phrases if (norm := normalise(p))]
    phrases = ctx.memo["banned"]
    texts = [(loc, text) for loc, text in strings(ctx.tree.raw_jobs[job.id].data) if loc[:1] != ("filing",)]
    # Most orders say nothing banned: one pass over all their texts at once (NUL keeps them
    # apart; normalise leaves it as it is) is a tenth of the cost of a pass per text.
    whole = normalise("\0".join(text for _, text in texts))
    if not any(norm in whole for _, norm in phrases):
        return
    for loc, text in texts:
        folded = normalise(text)
        for phrase, norm in phrases:
            if norm in folded:
                yield _r("V-WORDING", loc, msg(
                    f"含有禁止使用的夸大宣传用语“{phrase}”", "请删除或改为如实的表述",
                    f"contains the banned exaggerated claim '{phrase}'", "remove it or state the facts plainly"))


def training(job: Job, ctx: Context):
    for i, course in enumerate(job.training):
        if course not in ctx.tree.courses:
            yield _r("V-TRAINING-UNKNOWN", ("training", i), msg(
                f"课程“{course}”不存在", f"请使用 courses/ 中已有的课程：{', '.join(sorted(ctx.tree.courses))}",
                f"course '{course}' does not exist", f"use a course in courses/: {', '.join(sorted(ctx.tree.courses))}"))
    if not job.overseas:
        return
    country = ctx.tree.countries[job.employer.country]
    needed = [ctx.policy.core_course] + ([country.course] if country.course else [])
    for course in needed:
        if course not in job.training:
            yield _r("V-TRAINING-REQUIRED", ("training",), msg(
                f"境外岗位必须要求培训课程“{course}”（不培训不外派）", f"请在 training 中加入 {course}",
                f"an overseas order must require the course '{course}' (no training, no departure)",
                f"add {course} to training"))


def completeness(job: Job, ctx: Context):
    # The schema requires every field; what remains is that the service fee is stated
    # explicitly (even as 0), so a worker never has to guess.
    if not any(c.kind == "service_fee" for c in job.costs):
        yield _r("V-COMPLETE-SERVICE-FEE", ("costs",), msg(
            "费用中没有写明服务费", "即使为 0，也要写一项 kind: service_fee",
            "the costs do not state the service fee", "add a kind: service_fee cost, even if it is 0"))


def advisory(job: Job, ctx: Context):
    country = ctx.tree.countries[job.employer.country]
    if country.advisory and country.advisory.level == "do_not_travel":
        yield _r("V-ADVISORY", ("employer", "country"), msg(
            f"外交部对{country.name.zh}发布了“暂勿前往”提醒（{country.advisory.issued_on}）", "提醒解除前不得发布新岗位",
            f"the Ministry of Foreign Affairs advises against travel to {country.name.en} "
            f"({country.advisory.issued_on})", "no order may be advertised until the advisory is lifted"))


# Rules that speak of the order's own content apply to every order that keeps a page;
# rules that depend on the state of the world today apply to open orders only, so a
# closed order's page does not vanish when, say, its agency's licence later expires.
CONTENT_RULES = [filing_number, filing_approval, filing_digest, filing_signature, filing_four_eyes, dates, visa, wage, hours, fees, deposits,
                 insurance, age, wording, training, completeness]
CURRENT_RULES = [agency_licence, agency_24h, advisory]
APPROVAL_RULES = {filing_approval, filing_digest, filing_signature, filing_four_eyes}
# Rules whose findings depend on nothing but the order's own file, the other source files
# (site_config.yml, agencies, countries, facts, courses, reviewers) and the date: a build
# may reuse them from its last run while none of those changed (publish/cache.py). Not
# here: rules that look at other orders (filing numbers, copies), at git history or at
# signatures checked by ssh-keygen.
ORDER_ONLY_RULES = {filing_approval, filing_digest, dates, visa, wage, hours, fees, deposits, insurance, age,
                    wording, training, completeness, agency_licence, agency_24h, advisory}
