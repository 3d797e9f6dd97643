"""QR codes as inline SVG, made at build time (no script, no request)."""
from __future__ import annotations

import functools
import io

import segno
from markupsafe import Markup


@functools.lru_cache(maxsize=None)   # posters repeat per language and per rebuild in serve
def svg(url: str) -> Markup:
    # A fixed mask: choosing the "best" of eight costs 8x the time and a phone scans
    # either just as well.
    qr = segno.make(url, error="m", mask=0, micro=False)
    buf = io.BytesIO()
    # No XML declaration and no fixed size: the poster's CSS sizes it.
    qr.save(buf, kind="svg", scale=1, border=2, xmldecl=False, svgns=True, nl=False,
            omitsize=True, svgclass="lx-qr", lineclass=None)
    return Markup(buf.getvalue().decode("ascii"))
