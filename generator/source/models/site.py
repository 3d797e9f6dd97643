"""The centre and its policy: site_config.yml."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from .common import Str, Id, Currency, bilingual_error, Model, Text
from .countries import Fact
from .help import HelpAbroad


class SiteInfo(Model):
    """网站。\n\nThe website."""
    name: Text = Field(title="网站名称 · Site name", description="网站名称。\n\nName of the site.")
    base_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+/$")] = Field(
        title="网址 · Base URL", description="网站地址，以 / 结尾。\n\nThe site's address, ending in /.")
    languages: list[Literal["zh", "en"]] = Field(
        title="语言 · Languages", description="[zh, en]：第一个是默认语言。\n\n[zh, en]: the first is the default.")

    @field_validator("languages")
    @classmethod
    def _both(cls, v):
        if sorted(v) != ["en", "zh"]:
            raise bilingual_error("本站必须同时有中文和英文：[zh, en]", "the site has both languages: [zh, en]")
        return v


class Centre(Model):
    """服务中心。\n\nThe service centre."""
    address: Text = Field(title="地址 · Address", description="中心地址。\n\nThe centre's address.")
    registration: Text = Field(title="报名地点 · Registration",
                               description="唯一的报名地点。\n\nThe only place to apply.")
    hotline: Str = Field(title="咨询电话 · Hotline", description="咨询电话，请加引号。\n\nHotline, in quotes.")
    complaints: Str = Field(title="举报投诉电话 · Complaints",
                            description="举报投诉电话，请加引号。\n\nComplaints line, in quotes.")


class Trade(Text):
    """工种：中英文名称和别名。

    A trade: its names in both languages and the other words people use for it."""
    aliases: list[Str] = Field(
        default=[], title="别名 · Aliases",
        description="工人和工作人员对这个工种的其他叫法，中英文都可以，例如 [焊工, 电焊工, 焊接, welder]。"
                    "搜索这些词能找到这个工种的所有岗位，岗位列表的筛选也认这些词。\n\n"
                    "Other words workers and staff use for this trade, in either language, e.g. [焊工, 电焊工, "
                    "焊接, welder]. Searching for any of them finds every vacancy of the trade, and the vacancy "
                    "list's filter understands them too.")

    @field_validator("aliases")
    @classmethod
    def _distinct(cls, v):
        seen = set()
        for word in v:
            if word.casefold() in seen:
                raise bilingual_error(f"别名“{word}”写了两次 — 删掉一个", f"alias “{word}” is listed twice — remove one")
            seen.add(word.casefold())
        return v


class ExchangeRates(Model):
    """汇率：每单位外币折合人民币，例如 SGD: 5.45。

    Exchange rates: CNY per unit, e.g. SGD: 5.45."""
    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[Currency, float] = Field(init=False)
    as_of: dt.date = Field(title="汇率日期 · As of", description="汇率的日期。\n\nDate of the rates.")

    def rate(self, currency: str) -> float | None:
        return 1.0 if currency == "CNY" else (self.__pydantic_extra__ or {}).get(currency)


class Policy(Model):
    """审核政策。\n\nThe vetting policy."""
    max_service_fee_share: float = Field(
        ge=0, le=1, title="服务费上限比例 · Max service fee share",
        description="服务费占合同期工资总额的最高比例；0 表示雇主付费。\n\n"
                    "Highest service fee as a share of total contract wages; 0 = employer pays.")
    content_review_months: int = Field(
        gt=0, title="核对周期（月） · Review months",
        description="目的地资料超过这么多个月未核对就提醒。\n\nCountry facts older than this are flagged.")
    banned_phrases: list[Str] = Field(title="禁用语 · Banned phrases",
                                      description="招聘信息中不得出现的夸大用语。\n\nClaims no order may contain.")
    # Added: the rest of the vetting policy, so no number or word list lives in code.
    deposit_words: list[Str] = Field(min_length=1, title="押金用语 · Deposit words",
                                     description="表示押金、保证金的词语（禁止收取）。\n\n"
                                                 "Words for deposits and bonds (forbidden).")
    min_rest_days_per_month: int = Field(ge=0, le=31, title="每月最少休息天数 · Min rest days",
                                         description="每月最少休息天数。\n\nLeast rest days a month.")
    worker_age: tuple[int, int] = Field(title="年龄范围 · Worker age",
                                        description="允许的年龄范围，例如 [18, 60]。\n\nAllowed ages, e.g. [18, 60].")
    core_course: Id = Field(title="必修课 · Core course",
                            description="每个境外岗位必修的课程。\n\nThe course every overseas order requires.")
    four_eyes: Literal["warn", "refuse"] = Field(
        "warn", title="双人审核 · Four eyes",
        description="审核人本人最后修改过招聘内容时（按 git 历史）：warn 只警告，refuse 不予发布。\n\n"
                    "When the reviewer is the author of the last change to the order's content (from the git "
                    "history): warn, or refuse to publish.")
    allow_unsigned_approvals: bool = Field(
        False, title="允许未签名的审核 · Allow unsigned approvals",
        description="true 时没有签名的审核也被接受，每次构建都会警告。只在过渡期使用：任何能提交的人都能发布招聘信息。\n\n"
                    "If true, approvals without a signature are accepted, with a warning at every build. For a "
                    "transition only: anyone who can commit could then publish an order.")
    agency_24h_contact: bool = Field(
        True, title="机构须有24小时电话 · Agency 24-hour contact",
        description="true：境外岗位的机构必须在 agencies.yml 中登记24小时应急电话 phone_24h（V-AGENCY-24H）；"
                    "false：不检查。\n\ntrue: an overseas order's agency must have a 24-hour phone (phone_24h) "
                    "on file (V-AGENCY-24H); false: not checked.")


class SiteConfig(Model):
    """服务中心信息和审核政策（site_config.yml）。

    The service centre and its policy (site_config.yml)."""
    site: SiteInfo = Field(title="网站 · Site", description="网站信息。\n\nThe website.")
    centre: Centre = Field(title="服务中心 · Centre", description="服务中心信息。\n\nThe service centre.")
    trades: dict[Id, Trade] = Field(min_length=1, title="工种 · Trades",
                                    description="工种：键（例如 construction）、中英文名称和别名。\n\n"
                                                "Trades: a key (e.g. construction), its names and aliases.")
    exchange_rates: ExchangeRates = Field(title="汇率 · Exchange rates",
                                          description="每单位外币折合人民币。\n\nCNY per unit of each currency.")
    policy: Policy = Field(title="审核政策 · Policy", description="审核政策。\n\nThe vetting policy.")
    help_abroad: HelpAbroad | None = Field(
        None, title="境外求助 · Help abroad",
        description="所有境外目的地共用的求助信息（12308热线）；显示在每个境外目的地页面和钱包卡上。\n\n"
                    "Help shared by every destination abroad (the 12308 hotline), on each destination page "
                    "and wallet card.")
    facts: dict[Id, Fact] = Field(
        {}, title="中国的规定 · Facts (China)",
        description="所有外派人员都适用的中国规定（携带现金限额、工时、12308热线等），课时和测验写 {{ fact('CN.key') }} 引用；"
                    "写法同目的地文件的 facts。\n\n"
                    "China's rules that apply to every worker (cash limits, hours, the 12308 hotline), quoted in "
                    "lessons and quizzes as {{ fact('CN.key') }}; same form as a destination's facts.")
    sample_date: dt.date | None = Field(
        None, title="示例日期 · Sample date",
        description="只用于示例内容：示例按这一天生成（build --today sample），所以示例中的岗位永远在招。"
                    "真实的服务中心请删除这一行，网站按当天日期生成。\n\n"
                    "For the sample content only: the date the sample is built as of (build --today sample), so "
                    "its vacancies stay open whatever today's date. A real centre deletes this line and builds "
                    "with today's date.")

    @field_validator("trades")
    @classmethod
    def _alias_names_one_trade(cls, v):
        # An alias shared by two trades would send a worker's query to both: refuse it.
        owner: dict[str, str] = {}
        for key, trade in v.items():
            for word in {trade.zh, trade.en, *trade.aliases}:
                other = owner.setdefault(word.casefold(), key)
                if other != key:
                    raise bilingual_error(f"“{word}”同时是工种 {other} 和 {key} 的名称或别名 — 只留在一个工种下",
                                          f"“{word}” names both trade {other} and trade {key} — keep it under one")
        return v
