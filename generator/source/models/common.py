"""What every file kind shares: the strict base model, bilingual texts, ids and formats."""
from __future__ import annotations

from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
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
