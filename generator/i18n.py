"""UI labels from one catalogue per language (theme/i18n/<lang>.yml).

A missing key is an error, never an empty label: `t()` raises, and the build fails.
"""
from __future__ import annotations

from pathlib import Path

import yaml


class MissingLabel(Exception):
    pass


class Catalogue:
    def __init__(self, lang: str, labels: dict[str, str]):
        self.lang, self.labels = lang, labels

    def __call__(self, key: str, **values) -> str:
        try:
            text = self.labels[key]
        except KeyError:
            raise MissingLabel(f"theme/i18n/{self.lang}.yml: missing label '{key}' / 缺少界面文字 '{key}'") from None
        return text.format(**values) if values else text


def load_catalogues(theme: Path, langs) -> dict[str, Catalogue]:
    out = {}
    for lang in langs:
        # BaseLoader: every key and value is a string (no yes/no booleans).
        labels = yaml.load((theme / "i18n" / f"{lang}.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
        out[lang] = Catalogue(lang, labels)
    keys = {lang: set(c.labels) for lang, c in out.items()}
    for lang, own in keys.items():
        for other, theirs in keys.items():
            if theirs - own:
                raise MissingLabel(f"theme/i18n/{lang}.yml lacks {sorted(theirs - own)} that {other}.yml has "
                                   f"/ 缺少界面文字 {sorted(theirs - own)}")
    return out
