#!/usr/bin/env bash
# Runs the subprocess and file benchmarks side by side, asyncio4j then CPython, ROUNDS times
# interleaved (the machine's load changes between runs; compare within a round).
#   bench/run_proc_files.sh [ROUNDS] [MiB]
# Needs: ./aio (JDK 25), CPython 3.13 as `PYENV_VERSION=3.13.0 python3` (or set PY).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
MIB="${2:-100}"
PY="${PY:-env PYENV_VERSION=3.13.0 python3}"
cd "$ROOT"
./aio build >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r ($(uptime | sed 's/.*load/load/'))"
  ./aio run bench/SubprocessPipe.java "$MIB" 5
  $PY bench/subprocess_pipe.py "$MIB" 5
  ./aio run bench/FileLines.java "$MIB" 3
  $PY bench/file_lines.py "$MIB" bulk 3
  ./aio run bench/SubprocessSpawn.java 200 2>/dev/null
  $PY bench/subprocess_spawn.py 200
done
echo "== aiofiles-style CPython (one executor hop per line; 2 MiB only, it is slow)"
$PY bench/file_lines.py 2 aiofiles 1
echo "== file round trips"
./aio run bench/FileRoundTrip.java 20000
