#!/usr/bin/env python3
"""WebSocket echo, asyncio4j-http against aiohttp (default loop and uvloop), in the same
interleaved rounds: each round runs every server once per row (message size x connections),
the server pinned to CPU 1 and the C load client (bench/wsload.c) to CPU 0. Prints msgs/s medians
(min-max) and the paired same-round ratios.

    bench/ws_side_by_side.py                          # 3 rounds of 5 s per server and row
    RUNS=5 SECONDS=10 bench/ws_side_by_side.py        # longer
    SIZES="100 4096" CONNS="10 100" bench/ws_side_by_side.py

Environment: RUNS, SECONDS, WARMUP, SIZES, CONNS, JVM_FLAGS, PYTHON (an interpreter with aiohttp
and uvloop; default /usr/bin/python3), OUT.
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("RUNS", "3"))
SECONDS = float(os.environ.get("SECONDS", "5"))
WARMUP = float(os.environ.get("WARMUP", "1"))
SIZES = [int(s) for s in os.environ.get("SIZES", "100 4096 65536").split()]
CONNS = [int(c) for c in os.environ.get("CONNS", "10 100").split()]
JVM_FLAGS = os.environ.get("JVM_FLAGS", "-XX:+UseSerialGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch").split()
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")
OUT = os.environ.get("OUT", os.path.join(tempfile.gettempdir(), "perf", "ws-side-by-side-" + time.strftime("%Y%m%dT%H%M%S")))


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            raise RuntimeError("server exited: " + " ".join(proc.args))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not listen on %d" % port)


def main():
    os.makedirs(OUT, exist_ok=True)
    wsload = os.path.join(OUT, "wsload")
    sh("gcc", "-O2", "-Wall", "-o", wsload, os.path.join(ROOT, "bench", "wsload.c"))
    jdk = sh(os.path.join(ROOT, "aio"), "jdk")
    sh(os.path.join(ROOT, "aio"), "build")
    cp = ":".join([os.path.join(ROOT, "asyncio4j-core/target/asyncio4j-core-0.1.0-SNAPSHOT.jar"),
                   os.path.join(ROOT, "asyncio4j-http/target/asyncio4j-http-0.1.0-SNAPSHOT.jar")])
    classes = os.path.join(OUT, "classes")
    sh(os.path.join(jdk, "bin/javac"), "-d", classes, "-cp", cp, os.path.join(ROOT, "bench/WsEchoServer.java"))
    engine = sh(os.path.join(ROOT, "aio"), "engine-flags").split()
    servers = {
        "aiohttp": [PYTHON, os.path.join(ROOT, "bench/ws_echo_aiohttp.py"), "--port", "{port}"],
        "aiohttp-uvloop": [PYTHON, os.path.join(ROOT, "bench/ws_echo_aiohttp.py"), "--uvloop", "--port", "{port}"],
        "asyncio4j-http": [os.path.join(jdk, "bin/java")] + engine + JVM_FLAGS
                          + ["-cp", cp + ":" + classes, "WsEchoServer", "--port", "{port}"],
    }
    head = "# ws side by side, %s\nhost: %d CPUs, %s\nruns=%d seconds=%g warmup=%g sizes=%s conns=%s\njvm flags: %s" % (
        time.strftime("%Y-%m-%dT%H:%M:%S"), os.cpu_count(), sh("uptime"), RUNS, SECONDS, WARMUP, SIZES, CONNS,
        " ".join(engine + JVM_FLAGS))
    print(head, flush=True)
    results = {}  # (size, conns, server) -> [msgs/s per round]
    log = open(os.path.join(OUT, "ws.jsonl"), "w")
    for r in range(RUNS):
        for size in SIZES:
            for conns in CONNS:
                for name, cmd in servers.items():
                    port = free_port()
                    argv = ["taskset", "-c", "1"] + [a.replace("{port}", str(port)) for a in cmd]
                    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    try:
                        wait_port(port, proc)
                        out = sh("taskset", "-c", "0", wsload, "127.0.0.1", str(port), "/ws", str(conns), str(size),
                                 str(SECONDS), str(WARMUP), "1")
                    finally:
                        proc.terminate()
                        try:
                            proc.wait(10)
                        except subprocess.TimeoutExpired:
                            proc.kill()
                    rec = json.loads(out)
                    rec.update(server=name, round=r)
                    log.write(json.dumps(rec) + "\n")
                    log.flush()
                    results.setdefault((size, conns, name), []).append(rec["msgs_per_s"])
                    print("round %d %6d B x %3d  %-15s %10.0f msgs/s  p99 %s us" % (
                        r + 1, size, conns, name, rec["msgs_per_s"], rec["p99_us"]), flush=True)
    lines = ["", "| size | conns | " + " | ".join(servers) + " | ÷ aiohttp | ÷ aiohttp-uvloop |",
             "|---|---|" + "---|" * (len(servers) + 2)]
    for size in SIZES:
        for conns in CONNS:
            cells = []
            for name in servers:
                v = results[(size, conns, name)]
                cells.append("%s (%s-%s)" % (f"{statistics.median(v):,.0f}", f"{min(v):,.0f}", f"{max(v):,.0f}"))
            ours = results[(size, conns, "asyncio4j-http")]
            ratios = []
            for base in ("aiohttp", "aiohttp-uvloop"):
                paired = [o / b for o, b in zip(ours, results[(size, conns, base)])]
                ratios.append("**%.1f** (%.1f-%.1f)" % (statistics.median(paired), min(paired), max(paired)))
            lines.append("| %d B | %d | %s | %s |" % (size, conns, " | ".join(cells), " | ".join(ratios)))
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(OUT, "ws.md"), "w") as f:
        f.write(head + "\n" + table + "\n")
    print("\nresults in " + OUT)


if __name__ == "__main__":
    sys.exit(main())
