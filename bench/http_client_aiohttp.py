#!/usr/bin/env python3
"""HTTP client load, aiohttp: TASKS tasks share one ClientSession (keep-alive pool, limit
raised to TASKS), each GETs URL REQUESTS times in a row and reads the body. Prints one JSON line:
requests, seconds, requests per second. The counterpart of bench/HttpClientLoad.java.

  python3 bench/http_client_aiohttp.py URL TASKS REQUESTS [--loop asyncio|uvloop]
(python3 = Debian's system interpreter, which has aiohttp and uvloop; see ../shared/bench)
"""
import asyncio
import json
import sys
import time

import aiohttp


async def worker(session, url, n):
    for _ in range(n):
        async with session.get(url) as r:
            await r.read()


async def main(url, tasks, requests):
    conn = aiohttp.TCPConnector(limit=tasks)
    async with aiohttp.ClientSession(connector=conn) as session:
        await worker(session, url, 10)  # one warm connection, and the code paths loaded
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(session, url, requests) for _ in range(tasks)))
        dt = time.perf_counter() - t0
    total = tasks * requests
    print(json.dumps({"requests": total, "seconds": round(dt, 3), "rps": round(total / dt)}))


if __name__ == "__main__":
    url, tasks, requests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    loop = asyncio.new_event_loop()
    if "--loop" in sys.argv and sys.argv[sys.argv.index("--loop") + 1] == "uvloop":
        import uvloop
        loop = uvloop.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main(url, tasks, requests))
