#!/usr/bin/env bash
# HTTP hello-world, asyncio4j-http against the anchors (the kit's anchor 6), in the same
# interleaved rounds: aiohttp (default loop and uvloop), Node `http`, the C epoll "limit", and
# asyncio4j-http (bench/HttpServerHello.java: AppRunner + TcpSite, GET / -> "Hello, World!").
# wrk -t1 -c100 keep-alive, server pinned to CPU 1 and wrk to CPU 0 by run_net.py; then the paired
# same-round ratios to aiohttp, uvloop and the limit.
#
#   bench/http_side_by_side.sh                  # 7 runs of 10 s each
#   RUNS=3 SECONDS_PER_RUN=5 bench/http_side_by_side.sh   # a quick look
#
# Environment: RUNS, SECONDS_PER_RUN, WARMUP (length of the discarded wrk run per server),
# CONNS (default 100), JVM_FLAGS (default below), KIT (default /work/shared/bench), OUT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="${KIT:-/work/shared/bench}"
RUNS="${RUNS:-7}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
WARMUP="${WARMUP:-10}"
CONNS="${CONNS:-100}"
# One CPU: a fixed heap and the serial collector (what the JVM picks on one CPU anyway), stated.
JVM_FLAGS="${JVM_FLAGS:--XX:+UseSerialGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch}"
TMP="$(python3 -c 'import tempfile; print(tempfile.gettempdir())')"
OUT="${OUT:-$TMP/perf/http-side-by-side-$(date +%Y%m%dT%H%M%S)}"
mkdir -p "$OUT/classes"

JAVA_HOME="$("$ROOT/aio" jdk)"
"$ROOT/aio" build >/dev/null
CP="$ROOT/asyncio4j-core/target/asyncio4j-core-0.1.0-SNAPSHOT.jar:$ROOT/asyncio4j-http/target/asyncio4j-http-0.1.0-SNAPSHOT.jar"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$CP" "$ROOT/bench/HttpServerHello.java"
ENGINE_FLAGS="$("$ROOT/aio" engine-flags)"
JAVA_CMD="$JAVA_HOME/bin/java $ENGINE_FLAGS $JVM_FLAGS -cp $CP:$OUT/classes"

{
  echo "# http side by side, $(date -Is)"
  echo "host: $(nproc) CPUs, $(uptime)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); flags: $ENGINE_FLAGS $JVM_FLAGS"
  echo "runs=$RUNS seconds=$SECONDS_PER_RUN warmup=$WARMUP conns=$CONNS"
} | tee "$OUT/README.txt"

"$KIT/run_net.py" http --conns "$CONNS" --runs "$RUNS" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" \
    --jsonl "$OUT/http.jsonl" \
    --add "asyncio4j-http=$JAVA_CMD HttpServerHello --port {port}" | tee "$OUT/http.md"
echo
"$KIT/summarize.py" --ratio-to aiohttp,aiohttp-uvloop,limit "$OUT/http.jsonl" | tee "$OUT/http-ratios.md"
echo
echo "results in $OUT"
