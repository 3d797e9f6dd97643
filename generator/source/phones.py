"""Phone numbers as staff write them, and as a phone dials them.

A worker abroad dials from a foreign SIM or on roaming: every number that can be
reached from anywhere is written and linked in its international form (+country code).
What cannot be (short emergency codes, toll-free numbers that work only inside their
country) is marked local by the data and shown as such; the Centre's own numbers, kept
in site_config.yml in the form dialled inside China, get +86 put in front here.
"""
from __future__ import annotations

import re

# "+65 6438 5122", "+86-10-12308": a plus, the country code, then digits grouped by
# spaces or hyphens.
INTERNATIONAL = re.compile(r"^\+[1-9]\d{0,2}([ -]?\d){4,14}$")
# "999", "0120-250-169", "800 84": digits grouped by spaces or hyphens, no plus.
LOCAL = re.compile(r"^\d([ -]?\d){1,14}$")
CHINA = "+86"


def is_international(phone: str) -> bool:
    return bool(INTERNATIONAL.match(phone))


def is_local(phone: str) -> bool:
    return bool(LOCAL.match(phone))


def tel(phone: str) -> str:
    """The tel: link: the number without spaces or hyphens."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)


def from_china(phone: str) -> str | None:
    """A number of the Centre, written as dialled inside China, as dialled from abroad:
    "0527-8800 1234" → "+86 527 8800 1234", "139 5270 1234" → "+86 139 5270 1234".
    None for a service code such as 12345, which cannot be dialled from outside China."""
    if is_international(phone):
        return phone
    digits = re.sub(r"\D", "", phone)
    if phone.startswith("0") and len(digits) >= 10:      # trunk prefix + area code + number
        return f"{CHINA} " + phone[1:].replace("-", " ").strip()
    if digits.startswith("1") and len(digits) == 11:     # a mobile number
        return f"{CHINA} " + phone.replace("-", " ").strip()
    return None
