#!/usr/bin/env bash
# Server CPU time per echoed message, for A/B comparisons of two builds of the echo servers on a
# machine that is not quiet: throughput swings with whatever else runs (and a starved load client
# makes the server idle), while the CPU the server spends per message moves much less (it still grows
# when fewer events come per poll, so compare the pairs run back to back, not runs far apart). Alternates the
# servers given, PAIRS times; each run: server pinned to CPU 1, the kit's echoload (--spin) to CPU 0,
# 3 s unmeasured, then SECS s in which the server's utime+stime (/proc/PID/stat) is divided by the
# messages echoed.
#
#   bench/cpu_per_message.sh SIZE CONNS PAIRS SECS LABEL=JAR:CLASSES:MAIN [LABEL=...]
#   e.g. (classes: javac -d DIR -cp JAR bench/EchoServerProtocol.java bench/EchoServerStreams.java)
#   bench/cpu_per_message.sh 10240 100 3 5 old=/tmp/old.jar:/tmp/old-cls:EchoServerProtocol \
#       new=asyncio4j-core/target/asyncio4j-core-0.1.0-SNAPSHOT.jar:/tmp/new-cls:EchoServerProtocol
#
# Environment: ECHOLOAD (the built load client, default /tmp/perf/build/echoload; build it with
# gcc -O2 -o echoload ../shared/bench/echoload.c -lpthread), JVM_FLAGS (as echo_side_by_side.sh's).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE=$1; CONNS=$2; PAIRS=$3; SECS=$4; shift 4
ECHOLOAD="${ECHOLOAD:-/tmp/perf/build/echoload}"
JVM_FLAGS="${JVM_FLAGS:--XX:+UseSerialGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch}"
JAVA="$("$ROOT/aio" jdk)/bin/java"
ENGINE_FLAGS="$("$ROOT/aio" engine-flags)"
TCK=$(getconf CLK_TCK)
OUTJSON="$(mktemp)"
trap 'rm -f "$OUTJSON"' EXIT
for _ in $(seq "$PAIRS"); do
  for spec in "$@"; do
    label=${spec%%=*}
    IFS=: read -r jar cls main <<<"${spec#*=}"
    port=$((26000 + RANDOM % 1000))
    # shellcheck disable=SC2086  # the flags are words
    taskset -c 1 "$JAVA" $ENGINE_FLAGS $JVM_FLAGS -cp "$jar:$cls" "$main" --port "$port" >/dev/null 2>&1 &
    pid=$!
    sleep 1.5
    taskset -c 0 "$ECHOLOAD" 127.0.0.1 "$port" "$CONNS" "$SIZE" "$SECS" 3 1000000000 1 >"$OUTJSON" &
    load=$!
    sleep 3
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep "$SECS"
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    wait "$load"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    python3 -c "import json, sys
m = json.load(open('$OUTJSON'))['messages']
print(f'{sys.argv[1]:<12} {m:>9} msgs  {($t1 - $t0) / $TCK * 1e6 / m:6.2f} us server CPU per message')" "$label"
  done
done
