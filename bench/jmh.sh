#!/usr/bin/env bash
# Runs the JMH benchmarks (benchmarks/target/benchmarks.jar) on the JDK 25 that ./aio finds,
# with the JVM flags ./aio uses (the loom engine's --add-opens, ...); JMH's forked JVMs inherit them.
#   bench/jmh.sh                              all benchmarks
#   bench/jmh.sh TaskSwitch -f 1 -wi 3 -i 5   JMH options as usual (regex, -prof gc, -l to list, -h)
# Pin to one CPU like the side-by-side runs: taskset -c 1 bench/jmh.sh ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
JAVA_HOME="$("$ROOT/aio" jdk)"
export JAVA_HOME
stale=0
[ -f "$JAR" ] || stale=1
if [ "$stale" = 0 ] && [ -n "$(find "$ROOT"/asyncio4j-core/src/main "$ROOT"/asyncio4j-http/src/main "$ROOT"/benchmarks/src/main -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  echo "jmh.sh: building benchmarks.jar..." >&2
  MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" \
    mvn -B -q -f "$ROOT/pom.xml" -pl benchmarks -am -DskipTests -Dmaven.test.skip=true package >&2
fi
# shellcheck disable=SC2046  # the flags are words
exec "$JAVA_HOME/bin/java" $("$ROOT/aio" flags) -jar "$JAR" "$@"
