"""UI labels from one catalogue per language (theme/i18n/<lang>.yml).

A missing key is an error, never an empty label: `t()` raises, and the build fails.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.problems import Problem
from generator.source.yamlload import parse


LANGS = ("zh", "en")   # the site's languages; the first is the root, the others live under /<lang>/


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


def _unreadable(shown: str, text: str | None, exc: Exception) -> str:
    """Why a catalogue cannot be read, with the line and our words for a YAML mistake
    (a full-width colon typed on a Chinese keyboard, say), as for every other file."""
    head = f"{shown}: 无法读取界面文字 / cannot read the labels"
    if text is not None and isinstance(exc, yaml.YAMLError):
        found = parse(text, shown)      # the same parser as every other file: line and cause
        if isinstance(found, Problem):
            return f"{head}:\n{found.format()}"
    return f"{head}: {exc}".replace("\n", " ")


def load_catalogues(theme: Path, langs) -> dict[str, Catalogue]:
    """Each language's labels: theme/i18n/<lang>.yml plus any theme/i18n/<part>.<lang>.yml
    (one file per feature keeps them easy to review). A key defined twice is an error."""
    out = {}
    for lang in langs:
        labels: dict[str, str] = {}
        files = [theme / "i18n" / f"{lang}.yml"] + sorted((theme / "i18n").glob(f"*.{lang}.yml"))
        for file in files:
            # BaseLoader: every key and value is a string (no yes/no booleans).
            text = None
            try:
                text = file.read_text("utf-8")
                part = yaml.load(text, Loader=yaml.BaseLoader) or {}
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                raise MissingLabel(_unreadable(file.relative_to(theme.parent).as_posix(), text, exc)) from None
            if not isinstance(part, dict) or not all(isinstance(v, str) for v in part.values()):
                raise MissingLabel(f"{file.relative_to(theme.parent)}: 每行应为“key: 文字” / "
                                   "every line must be 'key: text'")
            twice = sorted(set(part) & set(labels))
            if twice:
                raise MissingLabel(f"{file.relative_to(theme.parent)}: labels defined twice {twice} / 界面文字重复定义")
            labels.update(part)
        out[lang] = Catalogue(lang, labels)
    keys = {lang: set(c.labels) for lang, c in out.items()}
    for lang, own in keys.items():
        for other, theirs in keys.items():
            if theirs - own:
                raise MissingLabel(f"theme/i18n/{lang}.yml lacks {sorted(theirs - own)} that {other}.yml has "
                                   f"/ 缺少界面文字 {sorted(theirs - own)}")
    return out
