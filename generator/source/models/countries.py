"""Destination profiles: content/countries/<KEY>.yml."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from .common import Str, Id, Currency, Url, Number, Model, Text, bilingual_error
from .help import Help


class MinimumWage(Model):
    """一档法定最低工资：适用的地区、金额、生效日期和来源。

    One legal minimum wage: the regions it covers, the amount, the date it took effect and its source."""
    regions: list[Id] = Field(
        [], title="地区 · Regions",
        description="适用的地区编号（都道府县、城市或档次中的城市），招聘信息的 employer.region 要写其中之一，"
                    "例如 [gifu]、[dongguan]；全国统一的最低工资写 []。\n\n"
                    "The ids of the regions it covers (prefecture, city, or the cities of a tier); a job order's "
                    "employer.region names one of them, e.g. [gifu], [dongguan]. [] for a national minimum.")
    region_name: Text = Field(title="地区名称 · Region name",
                              description="地区的名称，显示在目的地页面和审核信息里，例如 {zh: 岐阜县, en: Gifu}。\n\n"
                                          "The region's name, shown on the destination page and in messages.")
    amount: Number = Field(gt=0, title="金额 · Amount", description="最低工资金额。\n\nThe minimum wage.")
    per: Literal["hour", "day", "month"] = Field(
        title="计薪单位 · Per", description="按小时 hour、按天 day 或按月 month。\n\nPer hour, day or month.")
    currency: Currency = Field(title="币种 · Currency", description="币种代码。\n\nCurrency code.")
    effective_from: dt.date = Field(title="生效日期 · Effective from",
                                    description="这一标准开始执行的日期；新标准生效后旧的一条可以保留。\n\n"
                                                "The date the rate took effect; keep the old entry when a new one starts.")
    source: Url = Field(title="来源 · Source", description="官方来源网址。\n\nURL of the official source.")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on",
                                 description="最后一次核对这一标准的日期。\n\nWhen staff last checked this rate.")


class NoMinimumWage(Model):
    """没有统一的法定最低工资：说明和来源。\n\nThere is no general legal minimum wage: why, and the source."""
    text: Text = Field(title="说明 · Text", description="例如：只对本国公民设定。\n\nE.g. it covers citizens only.")
    source: Url = Field(title="来源 · Source", description="来源网址。\n\nURL of the source.")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on", description="最后一次核对的日期。\n\nWhen last checked.")


class Fact(Text):
    """课程里引用的一条事实（罚款、限额、电话等），只写在这里，课时和测验用 {{ fact('SG.key') }} 引用。

    A fact the lessons quote (a penalty, a limit, a number), written only here; lessons and quizzes
    quote it as {{ fact('SG.key') }}."""
    source: Url = Field(title="来源 · Source", description="这条事实的来源网址。\n\nURL of the fact's source.")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on", description="最后一次核对的日期。\n\nWhen last checked.")
    number: Number | None = Field(
        None, title="数值 · Number",
        description="事实中的关键数字，例如 31；和 finds 一起用来查出课文里手写的、不一致的数字。\n\n"
                    "The fact's key number, e.g. 31; with finds it catches a lesson that states another number.")
    finds: Str | None = Field(
        None, title="查找 · Finds",
        description="正则表达式，第一个括号捕获课文里说到这条事实时写的数字，例如 'WBGT\\D{0,12}?(\\d+)\\s*(?:°C|摄氏度)'。\n\n"
                    "A regular expression whose first group captures the number a lesson states for this fact.")

    @field_validator("finds")
    @classmethod
    def _finds_captures_a_number(cls, value):
        # Checked here, so a mistake is reported on its own line, not as a crash in check.
        try:
            groups = re.compile(value).groups if value else 1
        except re.error as exc:
            raise bilingual_error(f"不是有效的正则表达式（{exc.msg}）", f"not a valid regular expression ({exc.msg})")
        if groups < 1:
            raise bilingual_error("需要一对括号 ( ) 框住课文里写的数字", "needs a group ( ) around the number a lesson states")
        return value


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
    minimum_wages: list[MinimumWage] = Field(
        [], title="最低工资 · Minimum wages",
        description="各地区（或全国）的法定最低工资，每档写明生效日期和来源；审核工资时用岗位工作地点在出发时"
                    "有效的那一档。没有统一最低工资时不写，改写 no_minimum_wage。\n\n"
                    "The legal minimum wages by region (or national), each with the date it took effect and its "
                    "source; the wage rule uses the one in force at the order's place of work when it starts. "
                    "Leave out where there is none, and write no_minimum_wage instead.")
    minimum_wage_revision_months: int | None = Field(
        None, gt=0, le=60, title="最低工资调整周期（月） · Revised every (months)",
        description="最低工资多久调整一次（日本每年调整写 12）；岗位出发时所用标准的生效日期早于这么多个月，就提醒 "
                    "W-WAGE-OUTDATED：可能已有新标准没录入。不定期调整的不写。\n\n"
                    "How often the minimum wages are revised (12 for Japan's yearly revision); when the rate an order "
                    "is checked against took effect longer ago than this before it starts, W-WAGE-OUTDATED warns that a "
                    "newer rate may be missing. Leave out where revisions are irregular.")
    no_minimum_wage: NoMinimumWage | None = Field(
        None, title="没有最低工资 · No minimum wage",
        description="没有统一的法定最低工资时写明原因和来源（不比较工资）。\n\n"
                    "Where there is no general legal minimum: say why, with the source (wages are not compared).")
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
    facts: dict[Id, Fact] = Field(
        {}, title="课程引用的事实 · Facts",
        description="课程里引用的罚款、限额、电话等，每条带来源和核对日期；课时和测验写 {{ fact('SG.key') }} 引用，改一处全站生效。\n\n"
                    "Penalties, limits and numbers the courses quote, each with source and date; lessons and "
                    "quizzes quote them as {{ fact('SG.key') }}, so one correction reaches every page.")
    help: Help | None = Field(None, title="遇到问题找谁 · Help in trouble",
                              description="当地劳工权益热线、驻外联络站和权利要点：显示在目的地页面最上方和钱包卡上；"
                                          "境外目的地必填。\n\nLocal labour-rights lines, the liaison station and the "
                                          "worker's rights: first on the destination page and on its wallet card; "
                                          "required abroad.")

    @model_validator(mode="after")
    def _minimum_wage_stated(self):
        # Silence is not an answer: a destination either lists its minimum wages or says there is none.
        if bool(self.minimum_wages) == bool(self.no_minimum_wage):
            raise bilingual_error(
                "请写 minimum_wages（各地区最低工资）或 no_minimum_wage（没有统一最低工资的说明），二者写且只写一个",
                "write either minimum_wages (the minimum wages by region) or no_minimum_wage (why there is "
                "none) — exactly one of them")
        return self

    @property
    def domestic(self) -> bool:
        return self.key.startswith("CN-")
