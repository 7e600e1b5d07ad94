"""Start N short children one after the other (`cat` with all three pipes, communicate(b"x")),
and N at once with gather. Counterpart of SubprocessSpawn.java. Usage: python3 subprocess_spawn.py [N]"""
import asyncio, sys, time

async def one():
    p = await asyncio.create_subprocess_exec('cat', stdin=asyncio.subprocess.PIPE,
                                             stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await p.communicate(b"x")
    assert out == b"x" and p.returncode == 0

async def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for _ in range(20):
        await one()
    t0 = time.perf_counter()
    for _ in range(n):
        await one()
    t1 = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    t2 = time.perf_counter()
    for _ in range(2000):  # the same steady-state step as SubprocessSpawn.java's
        await one()
    t3 = time.perf_counter()
    for _ in range(n):
        await one()
    t4 = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    t5 = time.perf_counter()
    print(f"cpython-asyncio {sys.version.split()[0]}: {n} children (3 pipes, communicate): one by one "
          f"{(t1-t0)/n*1000:.2f} ms each, all at once {(t2-t1)*1000:.0f} ms total; "
          f"after 2,000 more: one by one {(t4-t3)/n*1000:.2f} ms each, all at once {(t5-t4)*1000:.0f} ms")

asyncio.run(main())
