#!/usr/bin/env python3
"""CPython asyncio / uvloop side of bench/Micro.java's extra modes (same CLI, one JSON line).

  callsoon  -n call_soon callbacks from a coroutine, then sleep(0) runs them all
  timers    -n call_later with delays spread over 0.1 ms in a scrambled order, until all fired
  future    -n times: a pending future, a call_soon that completes it, await it
  eager     -n tasks that return at once, made under asyncio.eager_task_factory, then one gather
Reports ns_per_op = elapsed / n. Run with the python3 that has uvloop (bench/micro-driver does).
"""
import argparse
import asyncio
import json
import resource
import sys
import time


async def callsoon(n):
    loop = asyncio.get_running_loop()
    c = [0]

    def cb():
        c[0] += 1

    t0 = time.perf_counter()
    for _ in range(n):
        loop.call_soon(cb)
    await asyncio.sleep(0)
    dt = time.perf_counter() - t0
    assert c[0] == n
    return dt


async def timers(n):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    fired = [0]

    def cb():
        fired[0] += 1
        if fired[0] == n:
            done.set_result(None)

    t0 = time.perf_counter()
    for i in range(n):
        loop.call_later((i * 7919 % 100000) / 1e9, cb)
    await done
    return time.perf_counter() - t0


async def future(n):
    loop = asyncio.get_running_loop()
    total = 0
    t0 = time.perf_counter()
    for i in range(n):
        f = loop.create_future()
        loop.call_soon(f.set_result, i)
        total += await f
    dt = time.perf_counter() - t0
    assert total == n * (n - 1) // 2
    return dt


async def one():
    return 1


async def eager(n):
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    t0 = time.perf_counter()
    ts = [loop.create_task(one()) for _ in range(n)]
    res = await asyncio.gather(*ts)
    dt = time.perf_counter() - t0
    loop.set_task_factory(None)
    assert len(res) == n and ts[-1].done()
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["callsoon", "timers", "future", "eager"])
    ap.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    ap.add_argument("-n", type=int, default=100_000)
    a = ap.parse_args()
    if a.mode == "eager" and not hasattr(asyncio, "eager_task_factory"):
        sys.exit("micro_extra.py eager: asyncio.eager_task_factory needs Python 3.12+, this is " + sys.version.split()[0])
    if a.loop == "uvloop":
        import uvloop
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        dt = loop.run_until_complete({"callsoon": callsoon, "timers": timers, "future": future, "eager": eager}[a.mode](a.n))
    finally:
        loop.close()
    print(json.dumps({"mode": a.mode, "loop": a.loop, "ops": a.n, "seconds": dt, "ns_per_op": dt / a.n * 1e9,
                      "python": sys.version.split()[0],
                      "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
