"""The Content-Security-Policy the built site satisfies.

Scripts only from the site itself, plus the few small inline scripts Material for MkDocs
writes into every page, allowed by their SHA-256 hashes (no 'unsafe-inline' for
scripts). Nothing from any other origin. `python -m generator.csp SITE` prints the
nginx `add_header` line for deploy/nginx.conf.
"""
from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

# Inline <script> elements that run: no src, and a JavaScript type or none.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_TYPE = re.compile(r'\btype="(?!text/javascript|module)[^"]+"')


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in sorted(site.rglob("*.html")):
        for m in INLINE_SCRIPT.finditer(page.read_text("utf-8")):
            if DATA_TYPE.search(m.group("attrs")):
                continue  # e.g. Material's application/json config: data, never executed
            digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(hashes)


def policy(site: Path) -> str:
    scripts = " ".join(["'self'"] + inline_script_hashes(site))
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "   # Material sets inline style attributes
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'none'")


HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "X-Frame-Options": "DENY"}


def write_headers_file(site: Path) -> str:
    """`_headers` (the format of Netlify, Cloudflare Pages and others) at the site root."""
    csp = policy(site)
    lines = ["/*", f"  Content-Security-Policy: {csp}"] + [f"  {k}: {v}" for k, v in HEADERS.items()]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return csp


def nginx_lines(csp: str) -> str:
    return "\n".join([f'add_header Content-Security-Policy "{csp}" always;'] +
                     [f'add_header {k} "{v}" always;' for k, v in HEADERS.items()])


if __name__ == "__main__":
    print(nginx_lines(policy(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))))
