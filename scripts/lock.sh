#!/usr/bin/env bash
# Regenerate the lock files from pyproject.toml, with the hash of every file; then run
# scripts/test.sh and commit the locks with the result.
#   bash scripts/lock.sh                   # after editing pyproject.toml: keeps every pin it can
#   bash scripts/lock.sh --upgrade         # the newest versions pyproject.toml's ranges allow
#   bash scripts/lock.sh --upgrade-package mkdocs-material   # move one package only
# uv resolves once for every platform and every Python the project supports
# (--universal), so one lock serves Linux, macOS and Windows, Python 3.11 and later.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.8
tools=.venv-lock
[ -x "$tools/bin/uv" ] && "$tools/bin/uv" --version | grep -q " $UV_VERSION" ||
  { python3 -m venv "$tools" && "$tools/bin/python" -m pip install --quiet "uv==$UV_VERSION"; }
compile=("$tools/bin/uv" pip compile --universal --python-version 3.11 --generate-hashes --quiet "$@")
# The test lock is resolved against the runtime lock, so both pin the same versions.
"${compile[@]}" pyproject.toml requirements/build.in -o requirements/runtime.lock.txt
"${compile[@]}" pyproject.toml requirements/build.in --extra test -c requirements/runtime.lock.txt \
  -o requirements/test.lock.txt
# The weekly mutation job's tool, resolved against the test lock (README "Mutation testing").
"${compile[@]}" requirements/mutation.in -c requirements/test.lock.txt -o requirements/mutation.lock.txt
echo "Locks written: requirements/runtime.lock.txt, requirements/test.lock.txt, requirements/mutation.lock.txt — now run: bash scripts/test.sh"
