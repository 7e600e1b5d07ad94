#!/usr/bin/env python3
"""CPython asyncio counterpart of bench/SyncBench.java: the same workloads, the same output.

    python3 bench/sync_asyncio.py [queue|lock|event|all] [--runs N] [--warmup N]

Prints one JSON line per case, {"case": ..., "items_per_s": ...} or {"case": ..., "seconds": ...}:
the median of the measured runs (min and max alongside). Each run is a whole asyncio.run; the
clock runs inside the coroutine.
"""
import argparse
import asyncio
import json
import platform
import statistics
import time

QUEUE_ITEMS = 1_000_000
QUEUE_MAXSIZE = 100
LOCK_ACQUISITIONS = 1_000_000
EVENT_WAITERS = 10_000


async def queue_run(n, maxsize):
    q = asyncio.Queue(maxsize=maxsize)
    done = object()
    t0 = time.perf_counter()

    async def producer():
        for i in range(n):
            await q.put(i)
        await q.put(done)

    async def consumer():
        count = 0
        while (await q.get()) is not done:
            count += 1
        return count

    p = asyncio.create_task(producer())
    c = asyncio.create_task(consumer())
    await p
    got = await c
    dt = time.perf_counter() - t0
    assert got == n, (got, n)
    return dt


async def lock_run(n):
    lock = asyncio.Lock()
    acquisitions = 0

    async def worker(times):
        nonlocal acquisitions
        for _ in range(times):
            await lock.acquire()
            acquisitions += 1
            await asyncio.sleep(0)
            lock.release()

    t0 = time.perf_counter()
    await asyncio.gather(worker(n // 2), worker(n // 2))
    dt = time.perf_counter() - t0
    assert acquisitions == n, (acquisitions, n)
    return dt


async def event_run(n):
    event = asyncio.Event()
    woken = 0

    async def waiter():
        nonlocal woken
        await event.wait()
        woken += 1

    t0 = time.perf_counter()
    tasks = [asyncio.create_task(waiter()) for _ in range(n)]
    await asyncio.sleep(0)
    event.set()
    await asyncio.gather(*tasks)
    dt = time.perf_counter() - t0
    assert woken == n, (woken, n)
    return dt


def measure(make, warmup, runs):
    for _ in range(warmup):
        asyncio.run(make())
    return sorted(asyncio.run(make()) for _ in range(runs))


def report(name, seconds, items):
    median = statistics.median(seconds)
    impl = "cpython-" + platform.python_version()
    if items:
        out = {"case": name, "items_per_s": round(items / median), "min": round(items / seconds[-1]),
               "max": round(items / seconds[0]), "runs": len(seconds), "impl": impl}
    else:
        out = {"case": name, "seconds": round(median, 6), "min": round(seconds[0], 6),
               "max": round(seconds[-1], 6), "runs": len(seconds), "impl": impl}
    print(json.dumps(out), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case", nargs="?", default="all", choices=["queue", "lock", "event", "all"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    a = ap.parse_args()
    if a.case in ("all", "queue"):
        report("queue_maxsize100_1M", measure(lambda: queue_run(QUEUE_ITEMS, QUEUE_MAXSIZE), a.warmup, a.runs),
               QUEUE_ITEMS)
    if a.case in ("all", "lock"):
        report("lock_handoff_1M", measure(lambda: lock_run(LOCK_ACQUISITIONS), a.warmup, a.runs), LOCK_ACQUISITIONS)
    if a.case in ("all", "event"):
        report("event_fanout_10k", measure(lambda: event_run(EVENT_WAITERS), a.warmup, a.runs), 0)


if __name__ == "__main__":
    main()
