"""Typed models of what staff commit, as fixed by shared/spec/formats.md.

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
    """A text a reader sees, in both languages."""
    zh: Str
    en: Str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class TextList(Model):
    zh: list[Str] = Field(min_length=1)
    en: list[Str] = Field(min_length=1)

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
    number: Str | None = None          # presence is a vetting rule, so staff can draft
    approved_by: Str | None = None
    approved_on: dt.date | None = None
    digest: Str | None = None


class Employer(Model):
    name: Text
    country: Str
    city: Text


class Contract(Model):
    months: int = Field(gt=0, le=120)
    hours_per_week: Number = Field(gt=0, le=168)
    rest_days_per_month: int = Field(ge=0, le=31)
    probation_months: int = Field(default=0, ge=0)


class Wage(Model):
    currency: Currency
    amount: Number
    per: Literal["hour", "day", "month"]
    overtime: Text


class Cost(Model):
    kind: Literal["service_fee", "medical", "passport", "visa", "training", "travel", "other"]
    item: Text
    currency: Currency
    amount: Number = Field(ge=0)


class Provided(Model):
    housing: bool
    meals: bool
    insurance: bool
    air_ticket: bool


class Requirements(Model):
    age: tuple[int, int]
    gender: Literal["any", "male", "female"]
    skills: Text

    @field_validator("age")
    @classmethod
    def _ordered(cls, v):
        if v[0] > v[1]:
            raise bilingual_error("年龄范围应先写下限再写上限，例如 [20, 45]",
                                  "write the age range lowest first, e.g. [20, 45]")
        return v


class Selection(Model):
    method: Text
    date: dt.date
    place: Text


class Job(Model):
    id: Id
    status: Literal["open", "closed"]
    filing: Filing
    agency: Id
    employer: Employer
    title: Text
    trade: Id
    positions: int = Field(gt=0)
    duties: Text
    posted_on: dt.date
    apply_by: dt.date
    starts: YearMonth
    visa: Id | None = None
    contract: Contract
    wage: Wage
    costs: list[Cost]
    provided: Provided
    requirements: Requirements
    selection: Selection
    training: list[Id]
    description: Text

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
    number: Str
    scope: list[Literal["overseas", "domestic"]] = Field(min_length=1)
    valid_until: dt.date


class Agency(Model):
    id: Id
    name: Text
    licence: Licence
    phone: Str


# ---- countries --------------------------------------------------------------------

class MinimumWage(Model):
    amount: Number = Field(gt=0)
    per: Literal["hour", "day", "month"]
    currency: Currency
    as_of: dt.date
    source: Url


class Embassy(Model):
    name: Text
    phone: Str
    address: Text


class Advisory(Model):
    level: Literal["notice", "caution", "do_not_travel"]
    text: Text
    issued_on: dt.date
    source: Url


class Country(Model):
    key: Annotated[str, StringConstraints(pattern=r"^([A-Z]{2}|CN-[A-Z]{2})$")]
    name: Text
    currency: Currency
    work_visas: list[Id]
    minimum_wage: MinimumWage | None = None
    max_hours_per_week: Number = Field(gt=0, le=168)
    emergency: dict[Id, Str]
    embassy: Embassy | None = None
    advisory: Advisory | None = None
    course: Id | None = None
    reviewed_on: dt.date
    sources: list[Url] = Field(min_length=1)
    notes: Text | None = None          # added: a short summary shown on the destination page

    @property
    def domestic(self) -> bool:
        return self.key.startswith("CN-")


# ---- site config ------------------------------------------------------------------

class SiteInfo(Model):
    name: Text
    base_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+/$")]
    languages: list[Literal["zh", "en"]]

    @field_validator("languages")
    @classmethod
    def _both(cls, v):
        if sorted(v) != ["en", "zh"]:
            raise bilingual_error("本站必须同时有中文和英文：[zh, en]", "the site has both languages: [zh, en]")
        return v


class Centre(Model):
    address: Text
    registration: Text
    hotline: Str
    complaints: Str


class ExchangeRates(Model):
    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[Currency, float] = Field(init=False)
    as_of: dt.date

    def rate(self, currency: str) -> float | None:
        return 1.0 if currency == "CNY" else (self.__pydantic_extra__ or {}).get(currency)


class Policy(Model):
    max_service_fee_share: float = Field(ge=0, le=1)
    content_review_months: int = Field(gt=0)
    banned_phrases: list[Str]
    # Added: the rest of the vetting policy, so no number or word list lives in code.
    deposit_words: list[Str] = Field(min_length=1)
    min_rest_days_per_month: int = Field(ge=0, le=31)
    worker_age: tuple[int, int]
    core_course: Id


class SiteConfig(Model):
    site: SiteInfo
    centre: Centre
    trades: dict[Id, Text] = Field(min_length=1)
    exchange_rates: ExchangeRates
    policy: Policy


# ---- courses and quizzes ----------------------------------------------------------

class Lesson(Model):
    id: Id
    title: Text
    minutes: int = Field(gt=0, le=600)
    objectives: TextList
    quiz: Id | None = None
    materials: TextList | None = None     # added: what a trainer needs in the classroom
    sources: list[Str] = []               # added: where the lesson's facts come from


class Course(Model):
    id: Id
    title: Text
    summary: Text
    audience: Text
    lessons: list[Lesson] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_lessons(self):
        seen = [lesson.id for lesson in self.lessons]
        dup = sorted({i for i in seen if seen.count(i) > 1})
        if dup:
            raise bilingual_error(f"课时编号重复：{', '.join(dup)} — 每个课时的 id 必须不同",
                                  f"lesson id used twice: {', '.join(dup)} — give each lesson its own id")
        return self


class Choice(Model):
    zh: Str
    en: Str
    correct: bool = False

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class ChoiceQuestion(Model):
    type: Literal["single", "multiple"]
    prompt: Text
    choices: list[Choice] = Field(min_length=2)
    explain: Text

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
    type: Literal["truefalse"]
    prompt: Text
    answer: bool
    explain: Text


Question = Annotated[Union[ChoiceQuestion, TrueFalseQuestion], Field(discriminator="type")]


class Quiz(Model):
    pass_mark: float = Field(gt=0, le=1)
    shuffle: bool = False
    questions: list[Question] = Field(min_length=1)
