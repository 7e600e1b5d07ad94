#!/usr/bin/env bash
# Runs the sync/queue workloads in asyncio4j (bench/SyncBench.java) and in CPython asyncio
# (bench/sync_asyncio.py), one after the other, and prints both figures and the ratio per case.
#   bench/sync_side_by_side.sh [queue|lock|event|all]
# Env: JAVA_RUNS / JAVA_WARMUP (default 5 / 3), PY_RUNS / PY_WARMUP (default 3 / 1),
#      PYTHON (default: PYENV_VERSION=3.13.0 python3 if pyenv has 3.13.0, else /usr/bin/python3).
# Figures, not tests: on a shared or virtual machine they move from run to run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
CASE="${1:-all}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

if [ -z "${PYTHON:-}" ]; then
  if PYENV_VERSION=3.13.0 python3 -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null; then
    PYTHON="env PYENV_VERSION=3.13.0 python3"
  else
    PYTHON=/usr/bin/python3
  fi
fi

echo "# asyncio4j: ./aio run bench/SyncBench.java $CASE" >&2
"$ROOT/aio" run "$HERE/SyncBench.java" "$CASE" --runs "${JAVA_RUNS:-5}" --warmup "${JAVA_WARMUP:-3}" | tee "$OUT/java.jsonl"
echo "# CPython: $PYTHON bench/sync_asyncio.py $CASE" >&2
$PYTHON "$HERE/sync_asyncio.py" "$CASE" --runs "${PY_RUNS:-3}" --warmup "${PY_WARMUP:-1}" | tee "$OUT/py.jsonl"

python3 - "$OUT/java.jsonl" "$OUT/py.jsonl" <<'PY'
import json, sys
def load(p):
    return {r["case"]: r for r in map(json.loads, filter(str.strip, open(p)))}
java, py = load(sys.argv[1]), load(sys.argv[2])
print()
print(f"| case | {next(iter(java.values()))['impl'] if java else 'asyncio4j'} | "
      f"{next(iter(py.values()))['impl'] if py else 'cpython'} | asyncio4j / CPython |")
print("|---|---|---|---|")
for case in java:
    j, p = java[case], py.get(case)
    if p is None:
        continue
    if "items_per_s" in j:
        ratio = j["items_per_s"] / p["items_per_s"]
        print(f"| {case} | {j['items_per_s']:,.0f} items/s | {p['items_per_s']:,.0f} items/s | {ratio:.1f}x faster |")
    else:
        ratio = p["seconds"] / j["seconds"]
        print(f"| {case} | {j['seconds'] * 1e3:.1f} ms | {p['seconds'] * 1e3:.1f} ms | {ratio:.1f}x faster |")
PY
