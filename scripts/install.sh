#!/usr/bin/env bash
# Command (1): create .venv, install the project, build the sample site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/python -m generator check
.venv/bin/python -m generator build
echo
echo "打开网站 / To open the site:"
echo "  .venv/bin/python -m generator serve        # then visit http://127.0.0.1:8000/"
echo "  (or open site/index.html in a browser; links work best through serve)"
