"""Whom to call in trouble at a destination: one list of contacts for the destination
page's help block and for its wallet card, and which of them each first-hour case names.

The contacts come from four places: the country file (emergency numbers, embassy, its
`help` lines and liaison station), site_config.yml (the 12308 hotline, the Centre's
hotline) and, on a job page, the order's agency. Every number is linked as it is dialled
from a phone in the destination: international form, or a local code the data marks so.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.source import phones
from generator.source.models import CASES

# Whom each case sends a worker to, in the order of its first-hour steps. "lines" stands
# for the destination's help lines that name the case in their own `cases`, "mfa" for the
# 12308 hotline where its `cases` name it; the embassy, the Centre, its liaison station
# and the agency have the same duties everywhere (对外劳务合作管理条例 arts. 16, 20, 29, 35).
STANDING = {
    "wages": ("agency", "lines", "liaison", "centre", "embassy"),
    "documents": ("lines", "embassy", "mfa", "liaison", "agency"),
    "injury": ("medical", "agency", "lines", "liaison"),
    "arrest": ("embassy", "mfa", "lines", "liaison"),
    "not_as_promised": ("agency", "lines", "centre", "liaison"),
}
MFA = "mfa"


@dataclass(frozen=True)
class Contact:
    key: str                  # "ambulance", "embassy", "centre", "liaison", "agency" or a help line's id
    kind: str                 # emergency, consular, labour, police, medical, support, centre, liaison, agency
    name: str
    name_other: str           # the other language, for the bilingual card
    short: str                # the card's name, in this language and the other
    short_other: str
    phone: str | None         # as written, or None (a place to go; the agency on a destination page)
    local: bool = False       # dialled only inside the destination (short and toll-free codes)
    backup: str | None = None
    hours: str = ""
    languages: str = ""
    handles: str = ""
    where: str = ""
    cases: tuple = ()
    card: bool = True
    source: str = ""
    secondary: bool = False

    @property
    def href(self) -> str | None:
        return phones.tel(self.phone) if self.phone else None

    @property
    def backup_href(self) -> str | None:
        return phones.tel(self.backup) if self.backup else None


def _text(value, lang: str) -> str:
    return value[lang] if value is not None else ""


def _line(line, lang: str, other: str) -> Contact:
    short = line.short or line.name
    return Contact(line.id, line.kind, line.name[lang], line.name[other], short[lang], short[other], line.phone,
                   line.local_only, line.backup, _text(line.hours, lang), _text(line.languages, lang), line.handles[lang],
                   _text(line.where, lang), tuple(line.cases), line.card, line.source,
                   line.verified == "secondary")


def contacts(site, country, lang: str, catalogues: dict, agency=None) -> list[Contact]:
    """Every contact for `country` in `lang`, most urgent first. `agency` (a job page's)
    adds its 24-hour phone; otherwise, abroad, the list holds a blank for the worker to
    fill in."""
    other = "en" if lang == "zh" else "zh"
    t, t_other = catalogues[lang], catalogues[other]
    out: list[Contact] = []
    # Emergency numbers: services sharing one number (SG's 995) become one entry.
    by_number: dict[str, list[str]] = {}
    for service, number in sorted(country.emergency.items()):
        by_number.setdefault(number, []).append(service)
    for number, services in sorted(by_number.items(), key=lambda kv: _urgency(kv[1])):
        names = [_service(t, s) for s in services]
        names_other = [_service(t_other, s) for s in services]
        key = "ambulance" if "ambulance" in services else services[0]
        out.append(Contact(key, "emergency", " / ".join(names), " / ".join(names_other), " / ".join(names),
                           " / ".join(names_other), number, local=True))
    if country.embassy:
        out.append(Contact("embassy", "consular", country.embassy.name[lang], country.embassy.name[other],
                           t("card_embassy"), t_other("card_embassy"), country.embassy.phone))
    abroad = site.help_abroad
    if abroad and not country.domestic:
        out.append(dataclasses.replace(_line(abroad.consular_hotline, lang, other), key=MFA))
    help_ = country.help
    if help_:
        out += [_line(line, lang, other) for line in help_.lines]
        if help_.liaison:
            liaison = help_.liaison
            out.append(Contact("liaison", "liaison", liaison.name[lang], liaison.name[other], t("card_liaison"),
                               t_other("card_liaison"), liaison.phone, hours=_text(liaison.hours, lang), where=_text(liaison.address, lang)))
    if agency is not None or not country.domestic:
        phone = agency.phone_24h if agency is not None else None
        out.append(Contact("agency", "agency", agency.name[lang] if agency is not None else t("help_agency"),
                           agency.name[other] if agency is not None else t_other("help_agency"),
                           t("card_agency"), t_other("card_agency"), phone))
    hotline = phones.from_china(site.centre.hotline)
    if hotline:
        out.append(Contact("centre", "centre", site.site.name[lang], site.site.name[other], t("card_centre"),
                           t_other("card_centre"), hotline))
    return out


def by_case(found: list[Contact]) -> dict[str, list[Contact]]:
    """For each first-hour case, the contacts to call, in the order of its steps."""
    out = {}
    for case in CASES:
        whom: list[Contact] = []
        for slot in STANDING[case]:
            if slot == "medical":
                picked = [_medical(found)] if _medical(found) else []
            elif slot in ("lines", MFA):
                picked = [c for c in found if case in c.cases and (c.key == MFA) == (slot == MFA)]
            else:
                picked = [c for c in found if c.key == slot]
            whom += [c for c in picked if c not in whom]
        out[case] = whom
    return out


def _medical(found: list[Contact]) -> Contact | None:
    """The emergency number for an injury: the ambulance, or where a country lists none,
    the fire and rescue service (Algeria's protection civile, 14), else the police."""
    emergency = {c.key: c for c in found if c.kind == "emergency"}
    return next((emergency[k] for k in ("ambulance", "fire", "police") if k in emergency), None)


def _urgency(services: list[str]) -> int:
    order = ("police", "ambulance", "fire")
    return min((order.index(s) if s in order else len(order)) for s in services)


def _service(t, service: str) -> str:
    key = f"emergency_{service}"
    return t(key) if key in t.labels else service


# The wallet card sheet, in millimetres: ID-1 cards (ISO/IEC 7810, the size of a bank
# card), two across and four down, centred on A4 so that the backs, printed on the same
# grid, line up with the fronts whichever way the sheet is turned.
A4 = (210.0, 297.0)
CARD = (85.6, 54.0)
COLS, ROWS = 2, 4


def sheet() -> dict:
    """Where the grid and the cut marks go on the page (card.html and card.css)."""
    left = round((A4[0] - COLS * CARD[0]) / 2, 2)
    top = round((A4[1] - ROWS * CARD[1]) / 2, 2)
    cut_x = [round(left + i * CARD[0], 2) for i in range(COLS + 1)]
    cut_y = [round(top + i * CARD[1], 2) for i in range(ROWS + 1)]
    return dict(left=left, top=top, right=cut_x[-1], bottom=cut_y[-1], cut_x=cut_x, cut_y=cut_y,
                card_w=CARD[0], card_h=CARD[1], cards=COLS * ROWS)
