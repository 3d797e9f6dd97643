"""Typed models of what staff commit; docs/formats.md describes them for staff.

These models check one file at a time: types, required fields, unknown keys, and rules
within a record (a single-choice question has one right answer). Rules that relate files
to each other live in crossref.py; rules of lawful advertising live in vet.py.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import (BaseModel, ConfigDict, Field, StringConstraints, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
YearMonth = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Number = Union[int, float]


def bilingual_error(zh: str, en: str) -> PydanticCustomError:
    return PydanticCustomError("bilingual", "{en}", {"zh": zh, "en": en})


class Model(BaseModel):
    # Unknown keys are refused: a misspelt `apply_by` must not silently vanish.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Model):
    """读者看到的文字，中英文各一份：{zh: …, en: …}。

    A text a reader sees, in both languages: {zh: …, en: …}."""
    zh: Str = Field(title="中文 · Chinese", description="中文文字。\n\nThe text in Chinese.")
    en: Str = Field(title="英文 · English", description="英文文字。\n\nThe text in English.")

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class TextList(Model):
    """一组条目，中英文各一份，条数相同。

    A list of items in both languages, with as many items in each."""
    zh: list[Str] = Field(min_length=1, title="中文 · Chinese", description="中文条目。\n\nThe items in Chinese.")
    en: list[Str] = Field(min_length=1, title="英文 · English", description="英文条目。\n\nThe items in English.")

    def __getitem__(self, lang: str) -> list[str]:
        return getattr(self, lang)

    @model_validator(mode="after")
    def _same_length(self):
        if len(self.zh) != len(self.en):
            raise bilingual_error(f"中文有 {len(self.zh)} 条，英文有 {len(self.en)} 条 — 两种语言应一一对应",
                                  f"{len(self.zh)} Chinese items but {len(self.en)} English ones — "
                                  "give each item in both languages")
        return self


# ---- job orders -------------------------------------------------------------------

class Filing(Model):
    """审核备案记录。approved_by、approved_on 和 digest 由 approve 命令写入。

    The record of review and filing. approved_by, approved_on and digest are written by the approve command."""
    number: Str | None = Field(
        None, title="备案号 · Filing number",
        description="中心签发的备案号，例如 \"WP-2026-0012\"，每个招聘信息不同。\n\n"
                    "The filing number the Centre issued, e.g. \"WP-2026-0012\"; each order has its own.")
    approved_by: Str | None = Field(
        None, title="审核人 · Approved by",
        description="审核人姓名；由 approve 命令写入，不要手写。\n\n"
                    "Who reviewed the order; written by the approve command, not by hand.")
    approved_on: dt.date | None = Field(
        None, title="审核日期 · Approved on",
        description="审核日期 YYYY-MM-DD；由 approve 命令写入。\n\n"
                    "Date of approval, YYYY-MM-DD; written by the approve command.")
    digest: Str | None = Field(
        None, title="审核摘要 · Approval digest",
        description="审核时内容的指纹；由 approve 命令写入，内容一改就失效。\n\n"
                    "Fingerprint of the approved content; written by approve, void once the order changes.")


class Employer(Model):
    """雇主。\n\nThe employer."""
    name: Text = Field(title="雇主名称 · Employer name",
                       description="雇主的正式名称。\n\nThe employer's registered name.")
    country: Str = Field(title="目的地 · Destination",
                         description="content/countries/ 中的文件名，例如 SG、JP、CN-GD。\n\n"
                                     "A file name in content/countries/, e.g. SG, JP, CN-GD.")
    city: Text = Field(title="城市 · City", description="工作城市。\n\nThe city of work.")


class Contract(Model):
    """劳动合同的主要条款。\n\nThe main terms of the employment contract."""
    months: int = Field(gt=0, le=120, title="合同期（月） · Contract months",
                        description="合同期限，单位：月。\n\nLength of the contract in months.")
    hours_per_week: Number = Field(gt=0, le=168, title="每周工时 · Hours per week",
                                   description="每周正常工作小时数（不含加班）。\n\n"
                                               "Normal working hours a week, overtime excluded.")
    rest_days_per_month: int = Field(ge=0, le=31, title="每月休息天数 · Rest days per month",
                                     description="每月休息天数。\n\nRest days a month.")
    probation_months: int = Field(default=0, ge=0, title="试用期（月） · Probation months",
                                  description="试用期，单位：月；没有写 0。\n\nProbation in months; 0 if none.")


class Wage(Model):
    """工资。\n\nThe wage."""
    currency: Currency = Field(title="币种 · Currency",
                               description="三个大写字母的币种代码，例如 SGD、JPY、CNY。\n\n"
                                           "Three-letter currency code, e.g. SGD, JPY, CNY.")
    amount: Number = Field(title="金额 · Amount",
                           description="税前基本工资金额。\n\nThe basic wage before tax.")
    per: Literal["hour", "day", "month"] = Field(
        title="计薪单位 · Per", description="按小时 hour、按天 day 或按月 month。\n\nPer hour, day or month.")
    overtime: Text = Field(title="加班费 · Overtime",
                           description="加班费如何计算。\n\nHow overtime is paid.")


class Cost(Model):
    """劳务人员要付的一项费用。\n\nOne cost the worker pays."""
    kind: Literal["service_fee", "medical", "passport", "visa", "training", "travel", "other"] = Field(
        title="费用类别 · Kind",
        description="service_fee 服务费、medical 体检、passport 护照、visa 签证、training 培训、"
                    "travel 路费、other 其他。\n\n"
                    "service_fee, medical, passport, visa, training, travel or other.")
    item: Text = Field(title="费用名称 · Item", description="费用的名称。\n\nWhat the cost is for.")
    currency: Currency = Field(title="币种 · Currency",
                               description="三个大写字母的币种代码，例如 CNY。\n\nThree-letter currency code, e.g. CNY.")
    amount: Number = Field(ge=0, title="金额 · Amount",
                           description="金额；不收费写 0。\n\nThe amount; 0 if nothing is charged.")


class Provided(Model):
    """雇主提供的待遇：true 提供，false 不提供。

    What the employer provides: true or false."""
    housing: bool = Field(title="住宿 · Housing", description="是否提供住宿。\n\nWhether housing is provided.")
    meals: bool = Field(title="伙食 · Meals", description="是否提供伙食。\n\nWhether meals are provided.")
    insurance: bool = Field(title="保险 · Insurance",
                            description="是否提供保险；境外岗位必须为 true。\n\n"
                                        "Whether insurance is provided; must be true abroad.")
    air_ticket: bool = Field(title="机票 · Air ticket",
                             description="是否提供机票。\n\nWhether the air ticket is provided.")


class Requirements(Model):
    """对应聘者的要求。\n\nWhat is asked of applicants."""
    age: tuple[int, int] = Field(title="年龄范围 · Age range",
                                 description="年龄范围（含），先下限后上限，例如 [20, 45]。\n\n"
                                             "Inclusive age range, lowest first, e.g. [20, 45].")
    gender: Literal["any", "male", "female"] = Field(
        title="性别 · Gender", description="any 不限、male 男、female 女。\n\nany, male or female.")
    skills: Text = Field(title="技能要求 · Skills",
                         description="需要的技能和经验。\n\nThe skills and experience needed.")

    @field_validator("age")
    @classmethod
    def _ordered(cls, v):
        if v[0] > v[1]:
            raise bilingual_error("年龄范围应先写下限再写上限，例如 [20, 45]",
                                  "write the age range lowest first, e.g. [20, 45]")
        return v


class Selection(Model):
    """如何选拔。\n\nHow workers are chosen."""
    method: Text = Field(title="选拔方式 · Method",
                         description="例如：现场技能测试和面试。\n\nE.g. skills test and interview.")
    date: dt.date = Field(title="选拔日期 · Date", description="选拔日期 YYYY-MM-DD。\n\nDate of selection, YYYY-MM-DD.")
    place: Text = Field(title="选拔地点 · Place", description="选拔地点。\n\nWhere selection takes place.")


class Job(Model):
    """一条招聘信息（content/jobs/<id>.yml）。

    One job order, i.e. one advertisement (content/jobs/<id>.yml)."""
    id: Id = Field(title="编号 · Id",
                   description="与文件名相同（不含 .yml），例如 sg-2027-0012。\n\n"
                               "The file name without .yml, e.g. sg-2027-0012.")
    status: Literal["open", "closed"] = Field(
        title="状态 · Status",
        description="open 招聘中；closed 提前停止招聘（不需重新审核）。\n\n"
                    "open, or closed to stop recruiting early (no new approval needed).")
    filing: Filing = Field(title="审核备案 · Filing",
                           description="审核备案记录。\n\nThe record of review and filing.")
    agency: Id = Field(title="中介机构 · Agency",
                       description="content/agencies.yml 中持证机构的 id。\n\n"
                                   "The id of a licensed agency in content/agencies.yml.")
    employer: Employer = Field(title="雇主 · Employer", description="雇主信息。\n\nThe employer.")
    title: Text = Field(title="岗位名称 · Job title", description="岗位名称。\n\nThe job title.")
    trade: Id = Field(title="工种 · Trade",
                      description="site_config.yml 中 trades 的一个键，例如 construction。\n\n"
                                  "A key of trades in site_config.yml, e.g. construction.")
    positions: int = Field(gt=0, title="招聘人数 · Positions",
                           description="招聘人数。\n\nNumber of workers wanted.")
    duties: Text = Field(title="工作内容 · Duties", description="主要工作内容。\n\nThe main duties.")
    posted_on: dt.date = Field(title="发布日期 · Posted on",
                               description="发布日期 YYYY-MM-DD。\n\nDate of posting, YYYY-MM-DD.")
    apply_by: dt.date = Field(title="报名截止 · Apply by",
                              description="报名截止日期；过了这一天不再刊登。\n\n"
                                          "Closing date; after it the order is no longer advertised.")
    starts: YearMonth = Field(title="预计出发 · Starts",
                              description="预计出发月份 YYYY-MM，例如 2027-03。\n\n"
                                          "Expected month of departure, YYYY-MM, e.g. 2027-03.")
    visa: Id | None = Field(None, title="签证 · Visa",
                            description="目的地文件 work_visas 中的一种工作签证；国内岗位（CN-…）不写。\n\n"
                                        "A work visa listed in the destination's work_visas; "
                                        "omit for CN-… destinations.")
    contract: Contract = Field(title="合同 · Contract", description="合同条款。\n\nContract terms.")
    wage: Wage = Field(title="工资 · Wage", description="工资。\n\nThe wage.")
    costs: list[Cost] = Field(title="费用 · Costs",
                              description="劳务人员出国前后要付的全部费用；服务费即使为 0 也要写。\n\n"
                                          "Everything the worker pays, before or after departure; "
                                          "state the service fee even if it is 0.")
    provided: Provided = Field(title="雇主提供 · Provided", description="雇主提供的待遇。\n\nWhat the employer provides.")
    requirements: Requirements = Field(title="应聘要求 · Requirements",
                                       description="对应聘者的要求。\n\nWhat is asked of applicants.")
    selection: Selection = Field(title="选拔 · Selection", description="如何选拔。\n\nHow workers are chosen.")
    training: list[Id] = Field(title="行前培训 · Training",
                               description="出国前必须完成的课程（courses/ 中的文件夹名），不培训不外派。\n\n"
                                           "Courses to complete before departure (folder names in courses/): "
                                           "no training, no departure.")
    description: Text = Field(title="详细说明 · Description",
                              description="详细说明，可用 Markdown。\n\nFull description, in Markdown.")

    @field_validator("starts", mode="before")
    @classmethod
    def _month(cls, v):
        # YAML reads 2027-03-01 as a date; staff mean the month.
        return v.strftime("%Y-%m") if isinstance(v, dt.date) else v

    @property
    def overseas(self) -> bool:
        return not self.employer.country.startswith("CN-")


# ---- agencies ---------------------------------------------------------------------

class Licence(Model):
    """经营许可证。\n\nThe agency's licence."""
    number: Str = Field(title="许可证号 · Licence number", description="许可证编号。\n\nThe licence number.")
    scope: list[Literal["overseas", "domestic"]] = Field(
        min_length=1, title="经营范围 · Scope",
        description="overseas 对外劳务合作经营资格；domestic 职业中介许可。\n\n"
                    "overseas = foreign labour-cooperation licence; domestic = employment-agency licence.")
    valid_until: dt.date = Field(title="有效期至 · Valid until",
                                 description="许可证有效期的最后一天。\n\nLast day the licence is valid.")


class Agency(Model):
    """一家持证经营机构。\n\nOne licensed agency."""
    id: Id = Field(title="编号 · Id",
                   description="机构编号，招聘信息的 agency 字段引用它，例如 hanyang-intl。\n\n"
                               "The agency's id, used by a job order's agency field, e.g. hanyang-intl.")
    name: Text = Field(title="机构名称 · Name", description="机构的正式名称。\n\nThe registered name.")
    licence: Licence = Field(title="许可证 · Licence", description="经营许可证。\n\nThe licence.")
    phone: Str = Field(title="电话 · Phone", description="机构电话，请加引号。\n\nThe agency's phone, in quotes.")


# ---- countries --------------------------------------------------------------------

class MinimumWage(Model):
    """当地法定最低工资。\n\nThe local legal minimum wage."""
    amount: Number = Field(gt=0, title="金额 · Amount", description="最低工资金额。\n\nThe minimum wage.")
    per: Literal["hour", "day", "month"] = Field(
        title="计薪单位 · Per", description="按小时 hour、按天 day 或按月 month。\n\nPer hour, day or month.")
    currency: Currency = Field(title="币种 · Currency", description="币种代码。\n\nCurrency code.")
    as_of: dt.date = Field(title="生效日期 · As of", description="标准生效的日期。\n\nDate the rate took effect.")
    source: Url = Field(title="来源 · Source", description="官方来源网址。\n\nURL of the official source.")


class Embassy(Model):
    """中国驻当地使领馆。\n\nThe Chinese embassy or consulate."""
    name: Text = Field(title="名称 · Name", description="使领馆名称。\n\nName of the embassy.")
    phone: Str = Field(title="电话 · Phone", description="电话，请加引号。\n\nPhone number, in quotes.")
    address: Text = Field(title="地址 · Address", description="地址。\n\nAddress.")


class Advisory(Model):
    """外交部当前的安全提醒。\n\nThe current travel advisory of the PRC Ministry of Foreign Affairs."""
    level: Literal["notice", "caution", "do_not_travel"] = Field(
        title="级别 · Level",
        description="notice 注意安全、caution 谨慎前往、do_not_travel 暂勿前往（暂停发布新岗位）。\n\n"
                    "notice, caution or do_not_travel (no new orders are published).")
    text: Text = Field(title="内容 · Text", description="提醒内容摘要。\n\nSummary of the advisory.")
    issued_on: dt.date = Field(title="发布日期 · Issued on", description="提醒发布日期。\n\nDate of issue.")
    source: Url = Field(title="来源 · Source", description="提醒原文网址。\n\nURL of the advisory.")


class Country(Model):
    """目的地资料（content/countries/<KEY>.yml）。

    A destination profile (content/countries/<KEY>.yml)."""
    key: Annotated[str, StringConstraints(pattern=r"^([A-Z]{2}|CN-[A-Z]{2})$")] = Field(
        title="代码 · Key",
        description="与文件名相同：国家两字母代码（SG）或国内省份代码（CN-GD）。\n\n"
                    "The file name: ISO country code (SG) or a province code (CN-GD).")
    name: Text = Field(title="名称 · Name", description="目的地名称。\n\nName of the destination.")
    currency: Currency = Field(title="币种 · Currency", description="当地币种代码。\n\nLocal currency code.")
    work_visas: list[Id] = Field(title="工作签证 · Work visas",
                                 description="当地的工作签证类型；国内目的地写 []。\n\n"
                                             "The work visa types; [] for destinations in China.")
    minimum_wage: MinimumWage | None = Field(
        None, title="最低工资 · Minimum wage",
        description="当地法定最低工资；没有法定标准写 null。\n\nThe legal minimum wage; null if there is none.")
    max_hours_per_week: Number = Field(gt=0, le=168, title="每周工时上限 · Max hours per week",
                                       description="法定每周正常工时上限。\n\nLegal maximum normal hours a week.")
    emergency: dict[Id, Str] = Field(title="紧急电话 · Emergency numbers",
                                     description="紧急电话，例如 police: \"999\"（号码加引号）。\n\n"
                                                 "Emergency numbers, e.g. police: \"999\" (numbers in quotes).")
    embassy: Embassy | None = Field(None, title="使领馆 · Embassy",
                                    description="中国驻当地使领馆；境外目的地必填。\n\n"
                                                "The Chinese embassy; required abroad.")
    advisory: Advisory | None = Field(None, title="安全提醒 · Advisory",
                                      description="外交部当前的安全提醒，可选。\n\nThe current travel advisory, optional.")
    course: Id | None = Field(None, title="目的地课程 · Course",
                              description="该目的地的国情课程（courses/ 中的文件夹名）。\n\n"
                                          "The destination's course (a folder name in courses/).")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on",
                                 description="工作人员最后一次核对这些事实的日期。\n\n"
                                             "When staff last checked these facts.")
    sources: list[Url] = Field(min_length=1, title="来源 · Sources",
                               description="事实的来源网址。\n\nURLs the facts come from.")
    notes: Text | None = Field(None, title="概要 · Notes",         # added: shown on the destination page
                               description="目的地页面上的简短概要。\n\nA short summary shown on the destination page.")

    @property
    def domestic(self) -> bool:
        return self.key.startswith("CN-")


# ---- site config ------------------------------------------------------------------

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


class SiteConfig(Model):
    """服务中心信息和审核政策（site_config.yml）。

    The service centre and its policy (site_config.yml)."""
    site: SiteInfo = Field(title="网站 · Site", description="网站信息。\n\nThe website.")
    centre: Centre = Field(title="服务中心 · Centre", description="服务中心信息。\n\nThe service centre.")
    trades: dict[Id, Text] = Field(min_length=1, title="工种 · Trades",
                                   description="工种：键（例如 construction）和中英文名称。\n\n"
                                               "Trades: a key (e.g. construction) and its names.")
    exchange_rates: ExchangeRates = Field(title="汇率 · Exchange rates",
                                          description="每单位外币折合人民币。\n\nCNY per unit of each currency.")
    policy: Policy = Field(title="审核政策 · Policy", description="审核政策。\n\nThe vetting policy.")
    sample_date: dt.date | None = Field(
        None, title="示例日期 · Sample date",
        description="只用于示例内容：示例按这一天生成（build --today sample），所以示例中的岗位永远在招。"
                    "真实的服务中心请删除这一行，网站按当天日期生成。\n\n"
                    "For the sample content only: the date the sample is built as of (build --today sample), so "
                    "its vacancies stay open whatever today's date. A real centre deletes this line and builds "
                    "with today's date.")


# ---- courses and quizzes ----------------------------------------------------------

class Lesson(Model):
    """一个课时。\n\nOne lesson."""
    id: Id = Field(title="编号 · Id",
                   description="课时编号；正文在 lessons/<id>.zh.md 和 lessons/<id>.en.md。\n\n"
                               "The lesson id; its text is lessons/<id>.zh.md and lessons/<id>.en.md.")
    title: Text = Field(title="标题 · Title", description="课时标题。\n\nThe lesson's title.")
    minutes: int = Field(gt=0, le=600, title="时长（分钟） · Minutes",
                         description="课时长度，单位：分钟。\n\nLength in minutes.")
    objectives: TextList = Field(title="学习目标 · Objectives",
                                 description="学完后应知道或会做的事。\n\nWhat a learner will know or be able to do.")
    quiz: Id | None = Field(None, title="测验 · Quiz",
                            description="quizzes/<quiz>.yml 的文件名，可选。\n\nName of quizzes/<quiz>.yml, optional.")
    materials: TextList | None = Field(   # added: what a trainer needs in the classroom
        None, title="教具 · Materials",
        description="培训师上课需要准备的东西。\n\nWhat a trainer needs in the classroom.")
    sources: list[Str] = Field(            # added: where the lesson's facts come from
        [], title="来源 · Sources", description="课时事实的来源。\n\nWhere the lesson's facts come from.")


class Course(Model):
    """一门课程（courses/<id>/course.yml）。

    One course (courses/<id>/course.yml)."""
    id: Id = Field(title="编号 · Id", description="与文件夹名相同。\n\nThe folder name.")
    title: Text = Field(title="标题 · Title", description="课程名称。\n\nThe course's title.")
    summary: Text = Field(title="简介 · Summary", description="一两句话的简介。\n\nA summary in a sentence or two.")
    audience: Text = Field(title="对象 · Audience", description="课程面向谁。\n\nWho the course is for.")
    lessons: list[Lesson] = Field(min_length=1, title="课时 · Lessons", description="课时列表。\n\nThe lessons.")

    @model_validator(mode="after")
    def _unique_lessons(self):
        seen = [lesson.id for lesson in self.lessons]
        dup = sorted({i for i in seen if seen.count(i) > 1})
        if dup:
            raise bilingual_error(f"课时编号重复：{', '.join(dup)} — 每个课时的 id 必须不同",
                                  f"lesson id used twice: {', '.join(dup)} — give each lesson its own id")
        return self


class Choice(Model):
    """一个选项。\n\nOne choice."""
    zh: Str = Field(title="中文 · Chinese", description="选项的中文。\n\nThe choice in Chinese.")
    en: Str = Field(title="英文 · English", description="选项的英文。\n\nThe choice in English.")
    correct: bool = Field(False, title="正确 · Correct",
                          description="正确选项写 correct: true。\n\nMark the right choice with correct: true.")

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class ChoiceQuestion(Model):
    """单选题或多选题。\n\nA single- or multiple-choice question."""
    type: Literal["single", "multiple"] = Field(
        title="题型 · Type", description="single 单选、multiple 多选。\n\nsingle or multiple choice.")
    prompt: Text = Field(title="题目 · Prompt", description="题目。\n\nThe question.")
    choices: list[Choice] = Field(min_length=2, title="选项 · Choices",
                                  description="至少两个选项。\n\nTwo choices or more.")
    explain: Text = Field(title="解析 · Explanation", description="答题后显示的解析。\n\nShown after answering.")

    @model_validator(mode="after")
    def _answers(self):
        right = sum(c.correct for c in self.choices)
        if self.type == "single" and right != 1:
            raise bilingual_error(f"单选题必须恰好有一个正确选项（现在有 {right} 个）— 在正确选项上写 correct: true",
                                  f"a single-choice question needs exactly one right choice (it has {right}) — "
                                  "mark it with correct: true")
        if self.type == "multiple" and right < 1:
            raise bilingual_error("多选题至少要有一个正确选项 — 在正确选项上写 correct: true",
                                  "a multiple-choice question needs at least one right choice — "
                                  "mark them with correct: true")
        return self


class TrueFalseQuestion(Model):
    """判断题。\n\nA true-or-false question."""
    type: Literal["truefalse"] = Field(title="题型 · Type", description="truefalse 判断题。\n\ntruefalse.")
    prompt: Text = Field(title="题目 · Prompt", description="题目。\n\nThe statement.")
    answer: bool = Field(title="答案 · Answer", description="true 对、false 错。\n\ntrue or false.")
    explain: Text = Field(title="解析 · Explanation", description="答题后显示的解析。\n\nShown after answering.")


Question = Annotated[Union[ChoiceQuestion, TrueFalseQuestion], Field(discriminator="type")]


class Quiz(Model):
    """自测题（courses/<id>/quizzes/<quiz>.yml）。

    A self-check quiz (courses/<id>/quizzes/<quiz>.yml)."""
    pass_mark: float = Field(gt=0, le=1, title="及格线 · Pass mark",
                             description="答对的比例，例如 0.8。\n\nShare of right answers needed, e.g. 0.8.")
    shuffle: bool = Field(False, title="打乱顺序 · Shuffle",
                          description="是否打乱题目顺序。\n\nWhether to shuffle the questions.")
    questions: list[Question] = Field(min_length=1, title="题目 · Questions", description="题目列表。\n\nThe questions.")
