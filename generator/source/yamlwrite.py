"""Write YAML back: a model's data as commented YAML for files staff then fill in by hand
(`new`), one scalar as YAML text, and a file replaced atomically (approve, new, schema).

Every field is written in the model's order, with its bilingual description from
source/models/ above it as a comment, so the file explains itself. The output is plain block
YAML that the loader reads back to the same data (new_cmd checks that it does).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import types
import typing
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel

from generator.source import models as m

UNCOMMENTED = (m.Text, m.TextList, m.Choice)     # zh/en explain themselves
BILINGUAL = (m.Text, m.TextList)


def _args(ann) -> tuple:
    return typing.get_args(ann)


def _strip_optional(ann):
    """X | None → X; Annotated[X, …] → X."""
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = _args(ann)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in _args(ann) if a is not type(None)]
            if len(rest) != 1:
                return ann
            ann = rest[0]
        else:
            return ann


def model_of(ann) -> type[BaseModel] | None:
    ann = _strip_optional(ann)
    return ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None


def item_model(ann) -> type[BaseModel] | None:
    ann = _strip_optional(ann)
    if typing.get_origin(ann) is list:
        return model_of(_args(ann)[0])
    return None


def blank(model: type[BaseModel]) -> dict:
    """Data with every field present and nothing filled in: "" for texts, empty for the
    rest (YAML null), one item for a list of records, defaults where the model has them."""
    out = {}
    for name, info in model.model_fields.items():
        ann = _strip_optional(info.annotation)
        sub, item = model_of(ann), item_model(ann)
        if sub is not None:
            out[name] = blank(sub)
        elif item is not None:
            out[name] = [blank(item)]
        elif not info.is_required():
            out[name] = info.get_default(call_default_factory=True)
        elif typing.get_origin(ann) in (list, tuple, dict):
            out[name] = {} if typing.get_origin(ann) is dict else []
        elif ann is str or typing.get_origin(ann) is Literal:
            out[name] = ""
        else:
            out[name] = None
    return out


def _comment(info, pad: str) -> list[str]:
    if not info.description:
        return []
    out = [f"{pad}# {line.strip()}" for line in info.description.split("\n") if line.strip()]
    if info.examples:       # the field's own example, the one check's messages give too
        shown = ", ".join(json.dumps(e, ensure_ascii=False) for e in info.examples)
        out.append(f"{pad}# 例如 / e.g. {shown}")
    return out


def _scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value == "":
        return '""'
    return scalar_text(str(value))


def _string_lines(key: str, value: str, pad: str) -> list[str]:
    """A multi-line text as a literal block (|), the way staff write Markdown."""
    if "\n" not in value or value.endswith("\n\n") or value[:1].isspace() or \
            any(line != line.rstrip() for line in value.split("\n")) or "\t" in value:
        return [f"{pad}{key}: {_scalar(value)}"]
    chomp = "" if value.endswith("\n") else "-"
    body = value[:-1] if value.endswith("\n") else value
    return [f"{pad}{key}: |{chomp}"] + [f"{pad}  {line}" if line else "" for line in body.split("\n")]


def _value_lines(key: str, value, pad: str, model=None, notes=None, path=(), comments=True) -> list[str]:
    if model is not None and isinstance(value, dict):
        return [f"{pad}{key}:"] + lines(model, value, len(pad) + 2, notes, path, comments)
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out += _value_lines(str(k), v, pad + "  ")
        return out
    if isinstance(value, (list, tuple)):
        if not value:
            return [f"{pad}{key}: []"]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            return [f"{pad}{key}: [{', '.join(_scalar(v) for v in value)}]"]
        out = [f"{pad}{key}:"]
        for i, v in enumerate(value):
            out += _item_lines(v, pad + "  ", model, notes, path + (i,), comments=comments and i == 0)
        return out
    if isinstance(value, str) and "\n" in value:
        return _string_lines(key, value, pad)
    return [f"{pad}{key}: {_scalar(value)}".rstrip()]


def _item_lines(value, pad: str, model, notes, path, comments: bool) -> list[str]:
    if model is not None and isinstance(value, dict):
        inner = lines(model, value, len(pad) + 2, notes if comments else {}, path, comments)
        first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
        head = [line[2:] for line in inner[:first]]
        return head + [f"{pad}- {inner[first][len(pad) + 2:]}"] + inner[first + 1:]
    if isinstance(value, dict) or (isinstance(value, str) and "\n" in value):
        return [f"{pad}- {json.dumps(value, ensure_ascii=False, default=_scalar)}"]
    return [f"{pad}- {_scalar(value)}".rstrip()]


def lines(model: type[BaseModel], data: dict, indent: int = 0, notes: dict | None = None, path: tuple = (),
          comments: bool = True) -> list[str]:
    """`data` as YAML lines, fields in the model's order, each under its description.
    `notes`: extra comment lines by field path, e.g. the ids an agency field may take."""
    notes = notes or {}
    pad = " " * indent
    out = []
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        here = path + (name,)
        if comments and model not in UNCOMMENTED:
            out += _comment(info, pad)
            out += [f"{pad}# {note}" for note in notes.get(here, [])]
        if data[name] is None and not info.is_required():
            out.append(f"{pad}{name}: null")     # optional, left out: `approve` fills filing's in place
            continue
        ann = info.annotation
        sub = model_of(ann) or item_model(ann)
        out += _value_lines(name, data[name], pad, sub, notes, here, comments)
    for name, value in data.items():       # keys the model does not know (check reports them)
        if name not in model.model_fields:
            out += _value_lines(str(name), value, pad)
    return out


def scalar_text(value: str) -> str:
    """Plain when YAML reads it back unchanged (王芳), else double-quoted: JSON strings
    are valid YAML double-quoted scalars and escape everything needed."""
    try:
        if "\n" not in value and yaml.safe_load(f"x: {value}") == {"x": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target, flush to disk, then swap: a crash leaves old or new, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
