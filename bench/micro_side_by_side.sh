#!/usr/bin/env bash
# asyncio4j against CPython asyncio and uvloop in the same interleaved rounds, with the shared
# kit's runner (/work/shared/bench/run_micro.py): every run a fresh process under
# `time -v taskset -c 1`, loops interleaved run by run. Then the same-round ratios, and the
# 1,000,000-sleepers memory figure, and the extra cases run_micro.py has no driver mode for
# (callSoon, timers, future await; bench/micro_extra.py is their CPython side) in the same way.
#
#   bench/micro_side_by_side.sh                  # 5 runs per case, all micro cases but queue
#   bench/micro_side_by_side.sh --runs 7 --only "1 ,1b"
#   bench/micro_side_by_side.sh --no-memory      # skip the 1M sleepers part (--no-extra: the extra cases)
#   bench/micro_side_by_side.sh --memory-only    # or --extra-only: callSoon, timers, future await
#
# Loops: asyncio4j (cold JVM: the timed run is the first thing it does), asyncio4j-warm (same
# case run --warmup-rounds times in-process first; the JSON says "warmup": true), asyncio,
# uvloop. JVM flags: exactly ./aio's (printed below). Raw runs: bench/results/micro-DATE.jsonl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="${BENCH_KIT:-$(cd "$ROOT/../.." && pwd)/shared/bench}"
[ -d "$KIT" ] || KIT="$(cd "$ROOT/.." && pwd)/shared/bench"
RUNS=5
ONLY="1 ,1b,2 ,2b,3 ,0 "       # run_micro.py case prefixes; the queue cases (4, 4b) need io.asyncio4j.queues
LOOPS="asyncio4j,asyncio4j-warm,asyncio,uvloop"
MICRO=1
EXTRA=1
MEMORY=1
MEM_RUNS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --loops) LOOPS="$2"; shift 2 ;;
    --no-memory) MEMORY=0; shift ;;
    --no-extra) EXTRA=0; shift ;;
    --memory-only) MICRO=0; EXTRA=0; shift ;;
    --extra-only) MICRO=0; MEMORY=0; shift ;;
    --memory-runs) MEM_RUNS="$2"; shift 2 ;;
    *) echo "micro_side_by_side.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$ROOT/bench/results"
STAMP="$(date +%Y-%m-%dT%H%M)"
DRIVER="$ROOT/bench/micro-driver"
"$DRIVER" --prepare

echo "# asyncio4j side by side, $(date -Is)"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JDK: $("$("$ROOT/aio" jdk)/bin/java" -version 2>&1 | head -1); JVM flags (taskset -c 1 ./aio flags, what the pinned runs get): $(taskset -c 1 "$ROOT/aio" flags) ${BENCH_JAVA_OPTS:-}"
echo "python: $(/usr/bin/python3 --version 2>&1), uvloop $(/usr/bin/python3 -c 'import uvloop; print(uvloop.__version__)' 2>/dev/null || echo '?')"
echo

if [ "$MICRO" = 1 ]; then
  JSONL="$ROOT/bench/results/micro-$STAMP.jsonl"
  echo "## run_micro.py: $RUNS runs per case and loop (loops: $LOOPS)"
  echo '```'
  echo "$KIT/run_micro.py --driver $DRIVER --loops $LOOPS --runs $RUNS --only '$ONLY' --jsonl $JSONL"
  echo '```'
  python3 "$KIT/run_micro.py" --driver "$DRIVER" --loops "$LOOPS" --runs "$RUNS" --only "$ONLY" \
      --jsonl "$JSONL" --timeout 600
  echo
  echo "## Same-round ratios (how many times faster asyncio4j is; median (min-max) over rounds)"
  python3 "$ROOT/bench/micro_ratios.py" "$JSONL"
  echo
fi

if [ "$EXTRA" = 1 ]; then
  XJSONL="$ROOT/bench/results/extra-$STAMP.jsonl"
  echo "## Extra cases (callSoon, timers, future await): $RUNS interleaved rounds, fresh process each"
  echo "(bench/Micro.java and bench/micro_extra.py, same workload; under time -v taskset -c 1)"
  python3 - "$DRIVER" "$RUNS" "$LOOPS" "$XJSONL" <<'PY'
import json, subprocess, sys, statistics
driver, runs, loops, out = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4]
cases = [("callSoon: 100k callbacks scheduled and run", ["callsoon", "-n", "100000"]),
         ("timers: 100k callLater (0-0.1 ms, scrambled), all fire", ["timers", "-n", "100000"]),
         ("future: create, callSoon(setResult), await; 100k", ["future", "-n", "100000"])]
def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"
def mmm(xs):
    return f"{fmt(statistics.median(xs))} ({fmt(min(xs))}-{fmt(max(xs))})"
subjects = [lp for lp in loops if lp.startswith("asyncio4j")]
refs = [lp for lp in loops if not lp.startswith("asyncio4j")]
print("| case | " + " | ".join(f"{lp} ns/op" for lp in loops) + " | "
      + " | ".join(f"{r} / {s}" for s in subjects for r in refs) + " | runs |")
print("|---" * (2 + len(loops) + len(subjects) * len(refs)) + "|")
with open(out, "a") as raw:
    for label, args in cases:
        recs = {lp: [] for lp in loops}
        for _ in range(runs):
            for lp in loops:
                p = subprocess.run(["/usr/bin/time", "-v", "taskset", "-c", "1", driver, *args, "--loop", lp],
                                   capture_output=True, text=True, timeout=600)
                if p.returncode != 0:
                    raise SystemExit(f"{args} {lp} failed: {p.stderr[-2000:]}")
                r = json.loads(p.stdout.strip().splitlines()[-1])
                r["case"] = label
                raw.write(json.dumps(r) + "\n")
                recs[lp].append(r)
        cells = [mmm([r["ns_per_op"] for r in recs[lp]]) for lp in loops]
        for s in subjects:
            for ref in refs:
                cells.append("**" + mmm([y["ns_per_op"] / x["ns_per_op"] for x, y in zip(recs[s], recs[ref])]) + "**")
        print(f"| {label} | " + " | ".join(cells) + f" | {runs} |", flush=True)
print(f"\nexample: time -v taskset -c 1 {driver} timers -n 100000 --loop asyncio4j-warm; raw: {out}")
PY
  echo
fi

if [ "$MEMORY" = 1 ]; then
  N=1000000
  echo "## 1,000,000 concurrent sleep(1) tasks ($MEM_RUNS interleaved rounds; asyncio4j with -Xmx2g)"
  TIME="$(command -v time || echo /usr/bin/time)"
  [ -x /usr/bin/time ] && TIME=/usr/bin/time
  python3 - "$DRIVER" "$N" "$MEM_RUNS" "$TIME" <<'PY'
import json, subprocess, sys, statistics, os
driver, n, runs, timebin = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def run(loop, extra=(), java_opts=""):
    env = dict(os.environ)
    if java_opts:
        env["BENCH_JAVA_OPTS"] = (env.get("BENCH_JAVA_OPTS", "") + " " + java_opts).strip()
    cmd = [timebin, "-v", "taskset", "-c", "1", driver, "sleepers", "-n", str(n), "--sleep", "1",
           *extra, "--loop", loop]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    if p.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{p.stderr[-3000:]}")
    rec = json.loads(p.stdout.strip().splitlines()[-1])
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            rec["peak_rss_kib"] = int(line.rsplit(":", 1)[1])
    rec["cmd"] = " ".join(cmd)
    return rec

def baseline(loop, java_opts=""):
    env = dict(os.environ)
    if java_opts:
        env["BENCH_JAVA_OPTS"] = java_opts
    p = subprocess.run([timebin, "-v", "taskset", "-c", "1", driver, "baseline", "--loop", loop],
                       capture_output=True, text=True, env=env)
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1])

recs = {"asyncio4j": [], "asyncio": [], "probe": []}
base = {"asyncio4j": baseline("asyncio4j", "-Xmx2g"), "asyncio": baseline("asyncio")}
for _ in range(runs):
    recs["asyncio4j"].append(run("asyncio4j", java_opts="-Xmx2g"))
    recs["asyncio"].append(run("asyncio"))
recs["probe"].append(run("asyncio4j", extra=["--heap"], java_opts="-Xmx2g"))

def med(xs):
    return statistics.median(xs)

print("| loop | seconds create->all done, median (min-max) | peak RSS MiB | RSS per task (peak / 1M) | RSS per task over baseline | heap per sleeping task (after full GC) | runs |")
print("|---|---|---|---|---|---|---|")
for loop in ("asyncio4j", "asyncio"):
    rs = recs[loop]
    secs = [r["seconds"] for r in rs]
    rss = [r["peak_rss_kib"] for r in rs]
    heap = "-"
    if loop == "asyncio4j":
        heap = f"{recs['probe'][0]['heap_bytes_per_task']:.0f} B"
    print(f"| {loop} | {med(secs):.2f} ({min(secs):.2f}-{max(secs):.2f}) | {med(rss)/1024:.0f} "
          f"| {med(rss)*1024/n:.0f} B | {(med(rss)-base[loop])*1024/n:.0f} B | {heap} | {len(rs)} |")
a = [r["peak_rss_kib"] for r in recs["asyncio4j"]]
b = [r["peak_rss_kib"] for r in recs["asyncio"]]
print()
print(f"baseline RSS (empty loop): asyncio4j {base['asyncio4j']/1024:.0f} MiB, asyncio {base['asyncio']/1024:.0f} MiB; "
      f"RSS ratio asyncio4j / asyncio per round: {', '.join(f'{x/y:.2f}' for x, y in zip(a, b))}")
print(f"heap probe (asyncio4j --heap, full GC while all sleep): {json.dumps({k: recs['probe'][0][k] for k in ('heap_before_bytes', 'heap_sleeping_bytes', 'heap_bytes_per_task')})}")
print("commands:")
print("  " + recs["asyncio4j"][0]["cmd"] + "   (BENCH_JAVA_OPTS=-Xmx2g)")
print("  " + recs["asyncio"][0]["cmd"])
print("  " + recs["probe"][0]["cmd"] + "   (BENCH_JAVA_OPTS=-Xmx2g)")
PY
fi
