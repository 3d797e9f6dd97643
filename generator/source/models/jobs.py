"""Job orders: content/jobs/<id>.yml."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from .common import Str, Id, Currency, YearMonth, Number, bilingual_error, Model, Text


class Filing(Model):
    """审核备案记录。approved_by、approved_on、digest 和 signature 由 approve 命令写入。

    The record of review and filing. approved_by, approved_on, digest and signature are written by the
    approve command."""
    number: Str | None = Field(
        None, title="备案号 · Filing number",
        description="中心签发的备案号，例如 \"WP-2026-0012\"，每个招聘信息不同。\n\n"
                    "The filing number the Centre issued, e.g. \"WP-2026-0012\"; each order has its own.")
    approved_by: Str | None = Field(
        None, title="审核人 · Approved by",
        description="审核人在 content/reviewers.yml 中的编号；由 approve 命令写入，不要手写。\n\n"
                    "The reviewer's id in content/reviewers.yml; written by the approve command, not by hand.")
    approved_on: dt.date | None = Field(
        None, title="审核日期 · Approved on",
        description="审核日期 YYYY-MM-DD；由 approve 命令写入。\n\n"
                    "Date of approval, YYYY-MM-DD; written by the approve command.")
    digest: Str | None = Field(
        None, title="审核摘要 · Approval digest",
        description="审核时内容的指纹；由 approve 命令写入，内容一改就失效。\n\n"
                    "Fingerprint of the approved content; written by approve, void once the order changes.")
    signature: Str | None = Field(
        None, title="审核签名 · Signature",
        description="审核人用自己的密钥对 digest 的签名（ssh-keygen -Y sign）；由 approve 命令写入，"
                    "没有有效签名的审核不被承认。\n\n"
                    "The reviewer's signature over the digest, made with their own key (ssh-keygen -Y sign); "
                    "written by approve. An approval without a valid signature is not accepted.")


class Employer(Model):
    """雇主。\n\nThe employer."""
    name: Text = Field(title="雇主名称 · Employer name",
                       description="雇主的正式名称。\n\nThe employer's registered name.")
    country: Str = Field(title="目的地 · Destination",
                         description="content/countries/ 中的文件名，例如 SG、JP、CN-GD。\n\n"
                                     "A file name in content/countries/, e.g. SG, JP, CN-GD.")
    city: Text = Field(title="城市 · City", description="工作城市。\n\nThe city of work.")
    region: Id | None = Field(
        None, title="最低工资地区 · Minimum-wage region",
        description="工作地点所属的最低工资地区：目的地文件 minimum_wages 中 regions 的一个编号，例如 gifu、dongguan；"
                    "目的地只有全国统一标准或没有最低工资时不写。\n\n"
                    "The minimum-wage region of the place of work: one of the regions ids in the destination's "
                    "minimum_wages, e.g. gifu or dongguan. Leave out where the destination has one national "
                    "minimum or none.")


class Contract(Model):
    """劳动合同的主要条款。\n\nThe main terms of the employment contract."""
    months: int = Field(gt=0, le=120, examples=[24], title="合同期（月） · Contract months",
                        description="合同期限，单位：月。\n\nLength of the contract in months.")
    hours_per_week: Number = Field(gt=0, le=168, examples=[44], title="每周工时 · Hours per week",
                                   description="每周正常工作小时数（不含加班）。\n\n"
                                               "Normal working hours a week, overtime excluded.")
    rest_days_per_month: int = Field(ge=0, le=31, examples=[4], title="每月休息天数 · Rest days per month",
                                     description="每月休息天数。\n\nRest days a month.")
    probation_months: int = Field(default=0, ge=0, examples=[1], title="试用期（月） · Probation months",
                                  description="试用期，单位：月；没有写 0。\n\nProbation in months; 0 if none.")


class Wage(Model):
    """工资。\n\nThe wage."""
    currency: Currency = Field(title="币种 · Currency",
                               description="三个大写字母的币种代码，例如 SGD、JPY、CNY。\n\n"
                                           "Three-letter currency code, e.g. SGD, JPY, CNY.")
    amount: Number = Field(examples=[1650], title="金额 · Amount",
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
    amount: Number = Field(ge=0, examples=[450], title="金额 · Amount",
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
    age: tuple[int, int] = Field(examples=[[20, 45]], title="年龄范围 · Age range",
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
        description="open 招聘中；closed 提前停止招聘（不需重新审核；重新改回 open 需要审核人签名）。\n\n"
                    "open, or closed to stop recruiting early (no new approval needed; setting an order approved "
                    "as closed back to open needs a reviewer's signature).")
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
    positions: int = Field(gt=0, examples=[30], title="招聘人数 · Positions",
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
    def start_date(self) -> dt.date:
        """The first day of the month the order starts: the date its minimum wage is taken at."""
        year, month = self.starts.split("-")
        return dt.date(int(year), int(month), 1)

    @property
    def overseas(self) -> bool:
        return not self.employer.country.startswith("CN-")
