"""The values a field that names another file's entry may take, with the names staff know
them by, and the one message for a value that is none of them.

`trade: 电焊` is the Chinese name of `welding`; `agency: 瀚洋` is part of an agency's name.
A staff member who writes either should read which id to write, not a pattern of letters:
the same message whether the value fails the id format (validation) or names nothing
(cross-references), so one place keeps each list and its wording.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.problems import msg

ANY_INDEX = None     # stands for every list index in a field path: ("training", ANY_INDEX)


@dataclass(frozen=True)
class Choices:
    what: tuple[str, str]        # what is chosen: ("工种", "trade")
    where: tuple[str, str]       # where the list lives: ("site_config.yml 的 trades", "site_config.yml trades")
    options: dict                # id -> the Chinese name staff know it by ("" when it has none)

    def listed(self, lang: str) -> str:
        if lang == "zh":
            return "、".join(f"{k}（{v}）" if v else k for k, v in self.options.items()) or "—"
        return ", ".join(f"{k} ({v})" if v else k for k, v in self.options.items()) or "—"

    def guess(self, value: str) -> str | None:
        """The one id `value` must mean: the id in other capitals, its Chinese name, or a
        part of that name (瀚洋 for 清河瀚洋国际…). None when it is not clear."""
        text = value.strip()
        if not text:
            return None
        for options in ({k: k for k in self.options}, self.options):
            exact = [k for k, name in options.items() if name and name.casefold() == text.casefold()]
            if len(exact) == 1:
                return exact[0]
        partial = [k for k, name in self.options.items()
                   if name and len(text) >= 2 and (text in name or name in text)]
        return partial[0] if len(partial) == 1 else None


def unknown(choices: Choices, value) -> tuple[str, str]:
    """`trade: 电焊` → write welding (电焊); `trade: 焊工` → choose one of welding (电焊), …;
    `agency:` → agency is empty — choose one of …"""
    (what_zh, what_en), (where_zh, where_en) = choices.what, choices.where
    text = "" if value is None else str(value).strip()
    if not text:
        zh_what, en_what = f"{what_zh}是空的", f"{what_en} is empty"
    else:
        zh_what, en_what = f"未知的{what_zh}“{text}”", f"unknown {what_en} '{text}'"
    meant = choices.guess(text)
    if meant:
        name = choices.options[meant]
        named_zh, named_en = (f"（{name}）", f" ({name})") if name else ("", "")
        return msg(zh_what, f"请写 {meant}{named_zh}", en_what, f"write {meant}{named_en}")
    return msg(zh_what, f"请从{where_zh}中选一个：{choices.listed('zh')}",
               en_what, f"choose one of {choices.listed('en')} ({where_en})")


def trades(site) -> Choices:
    return Choices(("工种", "trade"), (" site_config.yml 的 trades ", "site_config.yml trades"),
                   {k: v.zh for k, v in site.trades.items()})


def countries(tree) -> Choices:
    return Choices(("目的地", "destination"), (" content/countries/ ", "content/countries/"),
                   {k: c.name.zh for k, c in sorted(tree.countries.items())})


def agencies(tree) -> Choices:
    return Choices(("中介机构", "agency"), (" content/agencies.yml ", "content/agencies.yml"),
                   {k: a.name.zh for k, a in sorted(tree.agencies.items())})


def courses(tree) -> Choices:
    return Choices(("课程", "course"), (" courses/ ", "courses/"),
                   {k: f.course.title.zh for k, f in sorted(tree.courses.items())})


def visas(tree, country_key) -> Choices:
    """The work visas of the order's destination, or of every destination when it is unknown."""
    country = tree.countries.get(country_key) if isinstance(country_key, str) else None
    if country is not None:
        return Choices(("签证类型", "visa"), (f"{country.name.zh}的工作签证", f"the work visas of {country.name.en}"),
                       {v: "" for v in country.work_visas})
    every = {v: "" for _, c in sorted(tree.countries.items()) for v in c.work_visas}
    return Choices(("签证类型", "visa"), (" content/countries/ 的 work_visas ", "content/countries/ work_visas"), every)


def regions(tree, country_key) -> Choices | None:
    """The minimum-wage regions of the order's destination, by their Chinese names."""
    country = tree.countries.get(country_key) if isinstance(country_key, str) else None
    names = {r: w.region_name.zh for w in getattr(country, "minimum_wages", None) or [] for r in w.regions}
    if not names:
        return None
    return Choices(("最低工资地区", "minimum-wage region"),
                   (f"{country.name.zh}的 minimum_wages ", f"the minimum_wages of {country.name.en}"),
                   dict(sorted(names.items())))


def for_job(tree, data) -> dict:
    """Field path → Choices, for the fields of a job order that name other files' entries."""
    out = {}
    if tree.site:
        out[("trade",)] = trades(tree.site)
    if tree.agencies:
        out[("agency",)] = agencies(tree)
    if tree.countries:
        out[("employer", "country")] = countries(tree)
        employer = data.get("employer") if isinstance(data, dict) else None
        country_key = employer.get("country") if isinstance(employer, dict) else None
        out[("visa",)] = visas(tree, country_key)
        if regions(tree, country_key):
            out[("employer", "region")] = regions(tree, country_key)
    if tree.courses:
        out[("training", ANY_INDEX)] = courses(tree)
    return out
