"""The Content-Security-Policy the built site satisfies.

Scripts only from the site itself, plus the few small inline scripts Material for MkDocs
writes into every page, allowed by their SHA-256 hashes (no 'unsafe-inline' for
scripts). Nothing from any other origin. `python -m generator.publish.csp SITE` prints the
nginx `add_header` lines; `--update deploy/nginx.conf` writes them into the sample.
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
    # No 'wasm-unsafe-eval': the site search is plain JavaScript (search.js), no WebAssembly.
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


BEGIN, END = "# BEGIN generated security headers", "# END generated security headers"


def update_nginx_sample(conf: Path, site: Path) -> None:
    """Replace the lines between the BEGIN/END markers of an nginx sample."""
    text = conf.read_text("utf-8")
    head, rest = text.split(BEGIN + "\n", 1)
    _, tail = rest.split(END, 1)
    indent = head[head.rfind("\n") + 1:]
    lines = "".join(f"{indent}{line}\n" for line in nginx_lines(policy(site)).splitlines())
    conf.write_text(f"{head}{BEGIN}\n{lines}{indent}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    # python -m generator.publish.csp SITE [--update deploy/nginx.conf]
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    if len(sys.argv) > 3 and sys.argv[2] == "--update":
        update_nginx_sample(Path(sys.argv[3]), site)
    else:
        print(nginx_lines(policy(site)))
