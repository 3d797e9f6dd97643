"""Help in trouble: the help lines of a destination (content/countries/<KEY>.yml, `help`)
and the lines that are the same everywhere (site_config.yml, `help_abroad`).

Every number a worker acts on carries its source, the date staff last checked it and
whether that source was the office's own (primary) or only a copy of it (secondary).
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from generator.source import phones
from .common import Id, Model, Str, Text, TextList, Url, bilingual_error

CASES = ("wages", "documents", "injury", "arrest", "not_as_promised")
CARD_ROWS = 9      # numbers that fit on the front of a wallet card at a legible size
Case = Literal["wages", "documents", "injury", "arrest", "not_as_promised"]


def _international(phone: str) -> str:
    if not phones.is_international(phone):
        raise bilingual_error(
            f"电话号码“{phone}”不是国际格式 — 请写成 + 国家代码 + 号码，例如 \"+65 6438 5122\"、\"+86 527 8861 2400\"",
            f"the phone number '{phone}' is not in international form — write + country code + number, "
            "e.g. \"+65 6438 5122\" or \"+86 527 8861 2400\"")
    return phone


InternationalPhone = Annotated[Str, AfterValidator(_international)]


class HelpLine(Model):
    """一条求助电话（或求助地点）。\n\nOne help line (or a place to go for help)."""
    id: Id = Field(title="编号 · Id", description="同一文件内唯一，例如 mom、otit-zh。\n\nUnique in the file, e.g. mom.")
    kind: Literal["labour", "consular", "police", "medical", "support"] = Field(
        title="类别 · Kind",
        description="labour 当地劳工权益部门或热线；consular 领事保护；police 警察；medical 医疗；support 其他援助机构。\n\n"
                    "labour = a local labour-rights office or line; consular; police; medical; support = "
                    "another aid organisation.")
    name: Text = Field(title="名称 · Name", description="机构或热线名称。\n\nName of the office or line.")
    short: Text | None = Field(None, title="简称 · Short name",
                               description="钱包卡上用的简称（卡片窄），例如 {zh: 客工中心, en: MWC}；不写就用 name。\n\n"
                                           "The name on the wallet card, which is narrow; name is used if left out.")
    phone: Str | None = Field(
        None, title="电话 · Phone",
        description="国际格式，加引号，例如 \"+65 6438 5122\"；只能在当地拨打的号码（如 0120 免费电话、80060）写本地格式并加 "
                    "local_only: true。没有电话时不写，改写 where。\n\n"
                    "International form, quoted, e.g. \"+65 6438 5122\"; a number that works only inside the "
                    "country (toll-free, short codes) in local form with local_only: true. Leave out if "
                    "there is no phone, and write where instead.")
    backup: Str | None = Field(None, title="备用电话 · Backup",
                               description="备用号码，格式同 phone。\n\nA second number, same form as phone.")
    local_only: bool = Field(False, title="只能在当地拨打 · Local only",
                             description="号码只能在目的地国内拨打时写 true。\n\n"
                                         "true when the number can be dialled only inside the destination.")
    where: Text | None = Field(None, title="地点 · Where",
                               description="没有电话时：去哪里、怎么去。\n\nWithout a phone: where to go, and how.")
    hours: Text | None = Field(None, title="时间 · Hours",
                               description="接听时间，例如 {zh: 24小时, en: 24 hours}；来源没写就不写。\n\n"
                                           "When it answers; leave out if the source does not say.")
    languages: Text | None = Field(None, title="语言 · Languages",
                                   description="可以用的语言；来源没写就不写。\n\nLanguages spoken; leave out if unknown.")
    handles: Text = Field(title="受理什么 · Handles",
                          description="受理哪些问题。\n\nWhat it deals with.")
    cases: list[Case] = Field(
        default_factory=list, title="适用情形 · Cases",
        description="在“遇到问题”中列在哪些情形下：wages 欠薪、documents 证件被扣、injury 工伤、arrest 被拘留、"
                    "not_as_promised 工作与承诺不符。\n\n"
                    "The first-hour cases that name this line: wages, documents, injury, arrest, not_as_promised.")
    card: bool = Field(True, title="印在钱包卡上 · On the card",
                       description="是否印在钱包卡上（卡片只放得下六七个号码）。\n\n"
                                   "Printed on the wallet card (the card holds six or seven numbers).")
    source: Url = Field(title="来源 · Source", description="号码的来源网址。\n\nURL the number comes from.")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on",
                                 description="工作人员最后一次核对这个号码的日期。\n\nWhen staff last checked it.")
    verified: Literal["primary", "secondary"] = Field(
        title="来源类别 · Verified against",
        description="primary：在机构本身的网站或公告上核对过；secondary：只在新闻、协会等转述中找到，必须在 note 中说明。\n\n"
                    "primary = checked on the office's own site or notice; secondary = found only in news or "
                    "other copies, to be explained in note.")
    note: Str | None = Field(None, title="核对说明 · Note",
                             description="给工作人员看的核对说明（不显示在网站上）；secondary 时必填。\n\n"
                                         "For staff, not shown on the site: how it was checked; required when "
                                         "secondary.")

    @model_validator(mode="after")
    def _reachable(self):
        if self.phone is None and self.where is None:
            raise bilingual_error("没有电话也没有地点 — 请写 phone，或用 where 说明去哪里求助",
                                  "neither a phone nor a place — write phone, or say in where where to go")
        for number in (self.phone, self.backup):
            if number is None:
                continue
            if self.local_only and not phones.is_local(number):
                raise bilingual_error(
                    f"local_only 的号码“{number}”应写本地格式（只有数字、空格和连字符）— 例如 \"0120-250-169\"",
                    f"the local_only number '{number}' should be in local form (digits, spaces, hyphens) — "
                    "e.g. \"0120-250-169\"")
            if not self.local_only:
                _international(number)
        if self.verified == "secondary" and self.note is None:
            raise bilingual_error("号码只来自二手资料 — 请在 note 中说明找到了什么、没找到什么",
                                  "the number comes from a secondary source only — say in note what was and "
                                  "was not found")
        return self


class Liaison(Model):
    """服务中心驻当地的联络站或合作方。\n\nThe Centre's liaison station or partner at the destination."""
    name: Text = Field(title="名称 · Name", description="联络站名称。\n\nName of the station.")
    phone: InternationalPhone = Field(title="电话 · Phone",
                                      description="国际格式，加引号。\n\nInternational form, quoted.")
    hours: Text | None = Field(None, title="时间 · Hours", description="值守时间。\n\nWhen it answers.")
    address: Text | None = Field(None, title="地址 · Address", description="地址。\n\nAddress.")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on",
                                 description="最后一次确认联络站电话的日期。\n\nWhen staff last confirmed it.")


class Help(Model):
    """在当地遇到问题时找谁：当地劳工权益热线、联络站、权利要点。

    Whom to call in trouble at the destination: local labour-rights lines, the liaison
    station, the worker's rights in three lines."""
    lines: list[HelpLine] = Field(
        min_length=1, title="求助电话 · Lines",
        description="当地劳工权益部门、援助机构等，至少一条。紧急电话和使领馆写在 emergency 和 embassy 中，不要重复。\n\n"
                    "Local labour-rights offices, aid organisations and the like; at least one. Emergency "
                    "numbers and the embassy stay in emergency and embassy.")
    liaison: Liaison | None = Field(None, title="驻外联络站 · Liaison station",
                                    description="服务中心在当地的联络站或合作方；没有就不写。\n\n"
                                                "The Centre's station or partner there; leave out if none.")
    rights: TextList = Field(title="权利要点 · Rights",
                             description="印在钱包卡背面的权利，最多三条，每条一句话。\n\n"
                                         "The worker's rights printed on the card: at most three, one sentence each.")
    sources: list[Url] = Field(min_length=1, title="来源 · Sources",
                               description="权利要点的来源网址。\n\nURLs the rights come from.")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on",
                                 description="最后一次核对权利要点的日期。\n\nWhen staff last checked the rights.")

    @model_validator(mode="after")
    def _fits_the_card(self):
        if len(self.rights.zh) > 3:
            raise bilingual_error(f"权利要点有 {len(self.rights.zh)} 条 — 钱包卡上只放得下三条，请合并或删减",
                                  f"{len(self.rights.zh)} rights — the wallet card holds three; merge or cut")
        ids = [line.id for line in self.lines]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise bilingual_error(f"求助电话编号重复：{', '.join(twice)} — 每条用不同的 id",
                                  f"help line ids used twice: {', '.join(twice)} — give each its own id")
        return self


class HelpAbroad(Model):
    """在所有境外目的地都一样的求助信息：外交部12308热线，以及“遇到问题”步骤的依据。

    Help that is the same at every destination abroad: the MFA's 12308 hotline, and the
    sources of the first-hour steps."""
    consular_hotline: HelpLine = Field(
        title="12308热线 · 12308 hotline",
        description="外交部全球领事保护与服务应急热线，每个境外目的地页面和钱包卡都显示。\n\n"
                    "The MFA's global consular protection hotline, shown for every destination abroad.")
    sources: list[Url] = Field(min_length=1, title="来源 · Sources",
                               description="“遇到问题”各步骤所依据的法规等来源。\n\n"
                                           "Where the first-hour steps come from (regulations and the like).")
    reviewed_on: dt.date = Field(title="核对日期 · Reviewed on",
                                 description="最后一次核对这些步骤的日期。\n\nWhen staff last checked the steps.")


def card_rows(country, abroad: bool, twelve308: bool) -> int:
    """How many numbers the front of the destination's wallet card lists: the emergency
    numbers (services sharing a number count once), the embassy, 12308, the help lines
    on the card, the liaison station, the agency's blank and the Centre."""
    lines = country.help.lines if country.help else []
    return (len(set(country.emergency.values())) + (country.embassy is not None) + (abroad and twelve308)
            + sum(1 for line in lines if line.card and line.phone) + bool(country.help and country.help.liaison)
            + abroad + 1)
