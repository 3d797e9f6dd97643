"""Destination profiles: content/countries/<KEY>.yml."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .common import Str, Id, Currency, Url, Number, Model, Text
from .help import Help


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
    help: Help | None = Field(None, title="遇到问题找谁 · Help in trouble",
                              description="当地劳工权益热线、驻外联络站和权利要点：显示在目的地页面最上方和钱包卡上；"
                                          "境外目的地必填。\n\nLocal labour-rights lines, the liaison station and the "
                                          "worker's rights: first on the destination page and on its wallet card; "
                                          "required abroad.")

    @property
    def domestic(self) -> bool:
        return self.key.startswith("CN-")
