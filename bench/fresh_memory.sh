#!/usr/bin/env bash
# What "a new buffer per read" costs by itself: the kit's C limit echo server against the same
# server receiving every message into fresh memory (bench/epoll_echo_fresh.c: reads walk a 64 MiB
# region, as a JVM's new arrays walk eden), with and without a FIONREAD ioctl before each read
# (what asyncio4j's right-sized read(n) adds), and asyncio4j's streams server both ways
# (read(65536): a new array per read; --read-into: one reused array), in the same interleaved
# rounds. Paired ratios to the limit at the end of each size.
#
#   bench/fresh_memory.sh                         # 5 runs per row, 10 s each, 5 s warm-up
#   RUNS=3 SECONDS_PER_RUN=5 bench/fresh_memory.sh
#
# Environment: RUNS, SECONDS_PER_RUN, WARMUP, SIZES (default "10240 102400"), CONNS (default
# 10,100), REGION (bytes, default 64 MiB), JVM_FLAGS and KIT as in echo_side_by_side.sh. Run it on
# a quiet machine: servers on CPU 1, the busy-polling load client on CPU 0 (run_net.py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="${KIT:-/work/shared/bench}"
RUNS="${RUNS:-5}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
WARMUP="${WARMUP:-5}"
SIZES="${SIZES:-10240 102400}"
CONNS="${CONNS:-10,100}"
REGION="${REGION:-67108864}"
JVM_FLAGS="${JVM_FLAGS:--XX:+UseSerialGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch}"
TMP="$(python3 -c 'import tempfile; print(tempfile.gettempdir())')"
OUT="${OUT:-$TMP/perf/fresh-memory-$(date +%Y%m%dT%H%M%S)}"
mkdir -p "$OUT/classes"

gcc -O2 -Wall -o "$OUT/epoll_echo_fresh" "$ROOT/bench/epoll_echo_fresh.c"
JAVA_HOME="$("$ROOT/aio" jdk)"
JAR="$ROOT/asyncio4j-core/target/asyncio4j-core-0.1.0-SNAPSHOT.jar"
"$ROOT/aio" build >/dev/null
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$JAR" "$ROOT/bench/EchoServerStreams.java"
JAVA_CMD="$JAVA_HOME/bin/java $("$ROOT/aio" engine-flags) $JVM_FLAGS -cp $JAR:$OUT/classes"
FRESH="$OUT/epoll_echo_fresh --port {port} --region $REGION"

{
  echo "# fresh memory, $(date -Is)"
  echo "host: $(nproc) CPUs, $(uptime)"
  echo "runs=$RUNS seconds=$SECONDS_PER_RUN warmup=$WARMUP conns=$CONNS sizes=$SIZES region=$REGION"
} | tee "$OUT/README.txt"

for size in $SIZES; do
  echo
  echo "## message size $size bytes"
  files=()
  for c in ${CONNS//,/ }; do
    "$KIT/run_net.py" echo --spin --servers limit --msgsize "$size" --conns "$c" --runs "$RUNS" \
        --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" --jsonl "$OUT/fresh-$size-c$c.jsonl" \
        --add "c-fresh=$FRESH" \
        --add "c-fresh-fionread=$FRESH --fionread 1" \
        --add "asyncio4j-streams=$JAVA_CMD EchoServerStreams --port {port}" \
        --add "asyncio4j-streams-readinto=$JAVA_CMD EchoServerStreams --read-into --port {port}" \
        | tee "$OUT/fresh-$size-c$c.md"
    files+=("$OUT/fresh-$size-c$c.jsonl")
  done
  echo
  "$KIT/summarize.py" --ratio-to limit "${files[@]}" | tee "$OUT/fresh-$size-ratios.md"
done
echo
echo "results in $OUT"
