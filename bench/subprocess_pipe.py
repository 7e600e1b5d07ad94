"""Pipe N MiB through `cat` with asyncio's create_subprocess_exec: one task writes 64 KiB
chunks to stdin (with drain), the main task reads stdout until EOF. Counterpart of
SubprocessPipe.java. Usage: python3 subprocess_pipe.py [MiB] [runs]"""
import asyncio, sys, time

CHUNK = 64 * 1024

async def once(total):
    p = await asyncio.create_subprocess_exec('cat', stdin=asyncio.subprocess.PIPE,
                                             stdout=asyncio.subprocess.PIPE)
    block = b'x' * CHUNK
    async def feed():
        left = total
        while left > 0:
            p.stdin.write(block if left >= CHUNK else block[:left])
            left -= CHUNK
            await p.stdin.drain()
        p.stdin.close()
    t0 = time.perf_counter()
    writer = asyncio.create_task(feed())
    got = 0
    while True:
        data = await p.stdout.read(256 * 1024)
        if not data:
            break
        got += len(data)
    await writer
    rc = await p.wait()
    dt = time.perf_counter() - t0
    assert got == total and rc == 0, (got, rc)
    return dt

async def main():
    mib = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    total = mib * 1024 * 1024
    await once(total // 10)  # warm-up
    times = sorted([await once(total) for _ in range(runs)])
    med = times[len(times) // 2]
    print(f"cpython-asyncio {sys.version.split()[0]}: {mib} MiB through cat: median {med*1000:.0f} ms "
          f"({mib/med:.0f} MiB/s), min {times[0]*1000:.0f} ms, max {times[-1]*1000:.0f} ms, runs {runs}")

asyncio.run(main())
