"""Authorised reviewers: content/reviewers.yml, kept by the Centre's head.

Each entry gives one person the authority to approve job orders, with the public half of
their SSH key and the dates the authority runs. An approval is accepted only when it is
signed with that key on a date inside those dates (vetting/signatures.py checks it).
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import struct

from pydantic import Field, field_validator, model_validator

from .common import Id, Model, Str, Text, bilingual_error

# The key types OpenSSH signs with (`ssh-keygen -Y sign`); sk-… are hardware security keys.
KEY_TYPES = ("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
             "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")


def key_blob(text: str) -> bytes | None:
    """The binary public key of an OpenSSH public key line ('type base64 [comment]'), or
    None when the line is not one: the type must be known and match the blob's own."""
    parts = text.split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(blob) < 4:
        return None
    (n,) = struct.unpack(">I", blob[:4])
    return blob if blob[4:4 + n] == parts[0].encode() else None


def fingerprint(blob: bytes) -> str:
    """The fingerprint `ssh-keygen -l` prints: SHA256 of the key, base64 without padding."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


class Reviewer(Model):
    """一位有权审核招聘信息的审核人。

    One person with the authority to approve job orders."""
    id: Id = Field(title="编号 · Id",
                   description="审核人编号（小写字母、数字和 -），写入招聘信息的 filing.approved_by，例如 wang-fang。\n\n"
                               "The reviewer's id (lower-case letters, digits, -), written into a job order's "
                               "filing.approved_by, e.g. wang-fang.")
    name: Text = Field(title="姓名 · Name",
                       description="审核人姓名，网站上“审核人”一栏显示。\n\nThe reviewer's name, shown on the site.")
    role: Text = Field(title="职务 · Role", description="审核人的职务。\n\nThe reviewer's post.")
    key: Str = Field(title="公钥 · Public key",
                     description="审核人 SSH 公钥的整行（.pub 文件的内容），例如 \"ssh-ed25519 AAAA… wangfang\"。"
                                 "只写公钥，绝不要写私钥。\n\n"
                                 "The whole line of the reviewer's SSH public key (the .pub file), e.g. "
                                 "\"ssh-ed25519 AAAA… wangfang\". The public key only, never the private key.")
    valid_from: dt.date = Field(title="授权起始 · Valid from",
                                description="授权的第一天；这天以前的审核无效。\n\n"
                                            "First day of the authority; approvals dated earlier are refused.")
    valid_until: dt.date | None = Field(
        None, title="授权截止 · Valid until",
        description="授权的最后一天；这天以后的审核无效，以前的仍然有效。不写表示长期有效。\n\n"
                    "Last day of the authority: approvals dated later are refused, earlier ones stay valid. "
                    "Leave it out for no end date.")
    email: Str | None = Field(
        None, title="提交邮箱 · Commit e-mail",
        description="审核人在 git 中提交时用的邮箱（git config user.email），用于“双人审核”检查。\n\n"
                    "The address the reviewer commits with in git (git config user.email), for the "
                    "four-eyes check.")

    @field_validator("key")
    @classmethod
    def _key(cls, v):
        if "PRIVATE KEY" in v:
            raise bilingual_error("这是私钥！请立即从文件中删除，并请审核人重新生成密钥；这里只能写公钥（.pub 文件）",
                                  "this is a PRIVATE key: remove it at once and have the reviewer make a new key; "
                                  "only the public key (the .pub file) belongs here")
        if key_blob(v) is None:
            raise bilingual_error("不是 SSH 公钥：请复制 .pub 文件的整行，例如 ssh-ed25519 AAAA… 姓名",
                                  "not an SSH public key: copy the whole line of the .pub file, "
                                  "e.g. ssh-ed25519 AAAA… name")
        return " ".join(v.split()[:2])        # the comment is the owner's note, not part of the key

    @model_validator(mode="after")
    def _dates(self):
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise bilingual_error(f"授权截止日期 {self.valid_until} 早于起始日期 {self.valid_from}",
                                  f"valid_until {self.valid_until} is before valid_from {self.valid_from}")
        return self

    @property
    def fingerprint(self) -> str:
        return fingerprint(key_blob(self.key))

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
