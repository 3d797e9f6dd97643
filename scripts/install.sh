#!/usr/bin/env bash
# Command (1): create .venv, install the locked dependencies (every file checked against
# its hash), check the sample and build it into site/ as of the sample's own date.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v ssh-keygen >/dev/null; then
  echo "需要 ssh-keygen（OpenSSH 客户端）来核验审核签名 / ssh-keygen (the OpenSSH client) is needed to check approval signatures:" >&2
  echo "  Debian/Ubuntu: sudo apt-get install openssh-client" >&2
  exit 1
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --require-hashes -r requirements/runtime.lock.txt
# The project itself, without its dependencies (all locked above) and with the locked setuptools.
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
.venv/bin/python -m generator check --today sample
.venv/bin/python -m generator build --today sample
echo
echo "打开网站 / To open the site:"
echo "  .venv/bin/python -m generator serve --today sample   # then visit http://127.0.0.1:8000/"
echo "  (or open site/index.html in a browser; links work best through serve)"
