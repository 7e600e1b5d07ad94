#!/usr/bin/env bash
# TCP echo, asyncio4j against the anchors, in the same interleaved rounds (issue #4's goal):
# CPython asyncio streams, uvloop streams, Node `net`, the C epoll "limit", and asyncio4j with
# streams (bench/EchoServerStreams.java: read(65536) -> write as asyncio, and --read-into through
# one reused array) and with protocols (bench/EchoServerProtocol.java),
# for 1 KiB, 10 KiB and 100 KiB messages at 10 and 100 connections (busy-polling client),
# then the paired same-round ratios to asyncio, uvloop and limit.
#
#   bench/echo_side_by_side.sh                 # 5 runs per row, 10 s each, 10 s JIT warm-up
#   RUNS=1 SECONDS_PER_RUN=5 bench/echo_side_by_side.sh     # a quick look
#
# Environment: RUNS, SECONDS_PER_RUN, WARMUP (unmeasured seconds at the start of each run),
# SIZES (default "1024 10240 102400"), CONNS (default 10,100), JVM_FLAGS (default below),
# KIT (default /work/shared/bench), OUT (result folder). Run it on a quiet machine (check `uptime`):
# every server is pinned to CPU 1 and the load client to CPU 0 by run_net.py.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="${KIT:-/work/shared/bench}"
RUNS="${RUNS:-5}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
WARMUP="${WARMUP:-10}"
SIZES="${SIZES:-1024 10240 102400}"
CONNS="${CONNS:-10,100}"
# One CPU: a fixed heap and the serial collector (what the JVM picks on one CPU anyway), stated.
JVM_FLAGS="${JVM_FLAGS:--XX:+UseSerialGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch}"
TMP="$(python3 -c 'import tempfile; print(tempfile.gettempdir())')"
OUT="${OUT:-$TMP/perf/echo-side-by-side-$(date +%Y%m%dT%H%M%S)}"
mkdir -p "$OUT/classes"

JAVA_HOME="$("$ROOT/aio" jdk)"
JAR="$ROOT/asyncio4j-core/target/asyncio4j-core-0.1.0-SNAPSHOT.jar"
"$ROOT/aio" build >/dev/null
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$JAR" "$ROOT/bench/EchoServerStreams.java" \
    "$ROOT/bench/EchoServerProtocol.java"
ENGINE_FLAGS="$("$ROOT/aio" engine-flags)"
JAVA_CMD="$JAVA_HOME/bin/java $ENGINE_FLAGS $JVM_FLAGS -cp $JAR:$OUT/classes"

{
  echo "# echo side by side, $(date -Is)"
  echo "host: $(nproc) CPUs, $(uptime)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); flags: $ENGINE_FLAGS $JVM_FLAGS"
  echo "runs=$RUNS seconds=$SECONDS_PER_RUN warmup=$WARMUP conns=$CONNS sizes=$SIZES"
} | tee "$OUT/README.txt"

# One run_net.py invocation per (size, connection count): each must end within 900 s, when the
# reference servers stop by themselves (see the kit's README). Ratios are paired per round inside
# an invocation, so splitting by connection count keeps them exact.
for size in $SIZES; do
  echo
  echo "## message size $size bytes"
  files=()
  for c in ${CONNS//,/ }; do
    "$KIT/run_net.py" echo --spin --msgsize "$size" --conns "$c" --runs "$RUNS" \
        --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" --jsonl "$OUT/echo-$size-c$c.jsonl" \
        --add "asyncio4j-streams=$JAVA_CMD EchoServerStreams --port {port}" \
        --add "asyncio4j-streams-readinto=$JAVA_CMD EchoServerStreams --read-into --port {port}" \
        --add "asyncio4j-protocol=$JAVA_CMD EchoServerProtocol --port {port}" | tee "$OUT/echo-$size-c$c.md"
    files+=("$OUT/echo-$size-c$c.jsonl")
  done
  echo
  "$KIT/summarize.py" "${files[@]}" | tee "$OUT/echo-$size.md"
  echo
  "$KIT/summarize.py" --ratio-to asyncio,uvloop,limit "${files[@]}" | tee "$OUT/echo-$size-ratios.md"
done
echo
echo "results in $OUT"
