#!/usr/bin/env bash
# HTTP client, asyncio4j-http's ClientSession against aiohttp's (default loop and uvloop), in the
# same interleaved rounds: TASKS tasks share one session, each GETs the C "limit" HTTP server
# (../shared/bench/epoll_http.c: one fixed keep-alive response, so the server is never the
# bottleneck) REQUESTS times in a row. Server pinned to CPU 0, clients to CPU 1. Prints each
# client's requests/s per round, then medians and the paired same-round ratios.
#
#   bench/http_client_side_by_side.sh                       # 5 rounds, 50 tasks x 400 requests
#   RUNS=3 TASKS=100 REQUESTS=200 bench/http_client_side_by_side.sh
#
# asyncio4j-http runs the load 5 times in one JVM and reports the last ("warm": a long-running
# client) and, separately, a fresh JVM's first pass ("cold", JIT warming up included).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="${KIT:-/work/shared/bench}"
RUNS="${RUNS:-5}"
TASKS="${TASKS:-50}"
REQUESTS="${REQUESTS:-400}"
JVM_FLAGS="${JVM_FLAGS:--XX:+UseSerialGC -Xms256m -Xmx256m}"
TMP="$(python3 -c 'import tempfile; print(tempfile.gettempdir())')"
OUT="${OUT:-$TMP/perf/http-client-side-by-side-$(date +%Y%m%dT%H%M%S)}"
mkdir -p "$OUT/classes"
PY="$(cd "$KIT" && python3 -c 'import findtools; print(findtools.find_python())')"
EPOLL_HTTP="$(cd "$KIT" && python3 -c 'import findtools; print(findtools.build_c("epoll_http"))')"

JAVA_HOME="$("$ROOT/aio" jdk)"
"$ROOT/aio" build >/dev/null
CP="$ROOT/asyncio4j-core/target/asyncio4j-core-0.1.0-SNAPSHOT.jar:$ROOT/asyncio4j-http/target/asyncio4j-http-0.1.0-SNAPSHOT.jar"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$CP" "$ROOT/bench/HttpClientLoad.java"
JAVA_CMD="$JAVA_HOME/bin/java $("$ROOT/aio" engine-flags) $JVM_FLAGS -cp $CP:$OUT/classes HttpClientLoad"

PORT=26310
taskset -c 0 "$EPOLL_HTTP" --port "$PORT" --max-seconds 3600 >/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 0.5
URL="http://127.0.0.1:$PORT/"
{
  echo "# http client side by side, $(date -Is)"
  echo "host: $(nproc) CPUs, $(uptime)"
  echo "python: $PY; java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); flags: $JVM_FLAGS"
  echo "runs=$RUNS tasks=$TASKS requests=$REQUESTS url=$URL"
} | tee "$OUT/README.txt"

for r in $(seq "$RUNS"); do
  for c in aiohttp aiohttp-uvloop asyncio4j-cold asyncio4j-warm; do
    case "$c" in
      aiohttp) line=$(taskset -c 1 "$PY" "$ROOT/bench/http_client_aiohttp.py" "$URL" "$TASKS" "$REQUESTS") ;;
      aiohttp-uvloop) line=$(taskset -c 1 "$PY" "$ROOT/bench/http_client_aiohttp.py" "$URL" "$TASKS" "$REQUESTS" --loop uvloop) ;;
      asyncio4j-cold) line=$(taskset -c 1 $JAVA_CMD "$URL" "$TASKS" "$REQUESTS" 1) ;;
      asyncio4j-warm) line=$(taskset -c 1 $JAVA_CMD "$URL" "$TASKS" "$REQUESTS" 5) ;;
    esac
    echo "{\"round\": $r, \"client\": \"$c\", \"result\": $line}" | tee -a "$OUT/runs.jsonl"
  done
done

python3 - "$OUT/runs.jsonl" <<'PY' | tee "$OUT/summary.md"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
clients = list(dict.fromkeys(r["client"] for r in rows))
rps = {c: {r["round"]: r["result"]["rps"] for r in rows if r["client"] == c} for c in clients}
print("| client | requests/s median (min-max) | / aiohttp (same round) | / aiohttp-uvloop (same round) |")
print("|---|---|---|---|")
for c in clients:
    v = list(rps[c].values())
    def ratio(ref):
        rs = [rps[c][k] / rps[ref][k] for k in rps[c] if k in rps[ref]]
        return "%.1f× (%.1f-%.1f)" % (statistics.median(rs), min(rs), max(rs))
    print("| %s | %s (%s-%s) | %s | %s |" % (c, f"{round(statistics.median(v)):,}", f"{min(v):,}", f"{max(v):,}",
          ratio("aiohttp"), ratio("aiohttp-uvloop")))
PY
echo "results in $OUT"
