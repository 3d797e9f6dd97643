#!/usr/bin/env bash
# Command (2): install what the tests need and run every test.
# - Debian packages when missing: chromium (Playwright drives it; its own browser download
#   fails on our machines), fonts-noto-cjk (without it Chinese renders as boxes while tests
#   still pass), faketime (tests of what a build does on another date), openssh-client
#   (ssh-keygen signs and checks approvals; every check and build needs it) and poppler-utils
#   (pdfinfo, pdftotext, pdftoppm: the wallet card's PDF checked at 300 dpi).
# - The locked test dependencies, every file checked against its hash.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v faketime >/dev/null || need+=(faketime)
command -v ssh-keygen >/dev/null || need+=(openssh-client)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --require-hashes -r requirements/test.lock.txt
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
exec .venv/bin/python -m pytest "$@"
