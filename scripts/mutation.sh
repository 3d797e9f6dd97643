#!/usr/bin/env bash
# The mutation job (README "Mutation testing"): mutmut changes one thing at a time in the
# vetting rules, the sanitiser, the swap and the report figures ([tool.mutmut] in
# pyproject.toml) and runs the fast tests that reach it. Prints every surviving mutant
# with its diff and exits 1 if one survives that tests/mutation_accepted.txt does not list. Weekly and by hand in CI
# (.github/workflows/mutation.yml); never in .ci/run: it takes about half an hour.
#   bash scripts/mutation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-mutation
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --require-hashes -r requirements/test.lock.txt
"$venv/bin/python" -m pip install --quiet --require-hashes -r requirements/mutation.lock.txt
"$venv/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e .
rm -rf mutants
started=$(date +%s)
"$venv/bin/mutmut" run --max-children "$(nproc)" > mutation-run.log 2>&1 || true
"$venv/bin/mutmut" results --all true > mutation-results.txt 2>&1 || true
took=$(( $(date +%s) - started ))
total=$(grep -c ": " mutation-results.txt || true)
killed=$(grep -c ": killed$" mutation-results.txt || true)
survived=$(grep -E ": (survived|no tests|timeout|suspicious)$" mutation-results.txt | awk -F: '{print $1}' | tr -d ' ' || true)
accepted=$(grep -v '^#' tests/mutation_accepted.txt || true)
new=$(for m in $survived; do grep -qxF "$m" <<<"$accepted" || echo "$m"; done)
echo "mutants: $total, killed: $killed, not killed: $(echo -n "$survived" | grep -c . || true)" \
     "(accepted: tests/mutation_accepted.txt), in ${took} s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for m in $survived; do "$venv/bin/mutmut" show "$m"; done
if [ -n "$new" ]; then echo "Surviving mutants not accepted:"; echo "$new"; exit 1; fi
