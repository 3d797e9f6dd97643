"""QR codes made at build time (no script library, no request): inline SVG for print,
and the bare module matrix for screens that draw it themselves (the hall kiosk)."""
from __future__ import annotations

import base64
import functools
import io

import segno
from markupsafe import Markup


@functools.lru_cache(maxsize=None)
def _code(url: str) -> segno.QRCode:
    # A fixed mask: choosing the "best" of eight costs 8x the time and a phone scans
    # either just as well.
    return segno.make(url, error="m", mask=0, micro=False)


@functools.lru_cache(maxsize=None)   # posters repeat per language and per rebuild in serve
def svg(url: str) -> Markup:
    buf = io.BytesIO()
    # No XML declaration and no fixed size: the poster's CSS sizes it.
    _code(url).save(buf, kind="svg", scale=1, border=2, xmldecl=False, svgns=True, nl=False,
                    omitsize=True, svgclass="lx-qr", lineclass=None)
    return Markup(buf.getvalue().decode("ascii"))


def matrix(url: str) -> dict:
    """{"size": n, "bits": base64}: the n×n modules row by row, dark = 1, packed eight to a
    byte with the first module in the high bit. About 200 bytes where the SVG takes 2 KB,
    so a kiosk can hold the codes of thousands of orders."""
    rows = _code(url).matrix
    # Byte-level work only (a kiosk file holds every open order): modules 0/1 → "0"/"1"
    # → one integer → bytes, the last byte padded with light modules.
    digits = b"".join(bytes(row) for row in rows).translate(_DIGITS)
    digits += b"0" * (-len(digits) % 8)
    packed = int(digits, 2).to_bytes(len(digits) // 8, "big")
    return {"size": len(rows), "bits": base64.b64encode(packed).decode("ascii")}


_DIGITS = bytes.maketrans(bytes(range(256)), bytes(b"1"[0] if i & 1 else b"0"[0] for i in range(256)))
