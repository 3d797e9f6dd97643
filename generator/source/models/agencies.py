"""Licensed agencies: content/agencies.yml."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import Str, Id, Model, Text
from .help import InternationalPhone


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
    phone_24h: InternationalPhone | None = Field(
        None, title="24小时应急电话 · 24-hour phone",
        description="劳务人员在国外出事时打的24小时电话，国际格式，例如 \"+86 527 8861 2400\"。"
                    "审核政策 agency_24h_contact 为 true 时，境外岗位的机构必须填写（V-AGENCY-24H）。\n\n"
                    "The 24-hour line a worker abroad calls in an emergency, in international form. Required "
                    "for overseas orders while policy agency_24h_contact is true (V-AGENCY-24H).")
