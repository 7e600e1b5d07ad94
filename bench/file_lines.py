"""Write a file of N MiB line by line (64-byte lines), then read it back line by line, from an
asyncio task. Two ways CPython code does this:
  aiofiles  - every write()/readline() is a run_in_executor call, which is exactly what the
              aiofiles package does (it is not installed here, so the calls are spelled out);
  bulk      - one asyncio.to_thread around a plain synchronous loop (the fastest CPython way,
              but the task cannot interleave its own work with the lines).
Counterpart of FileLines.java. Usage: python3 file_lines.py [MiB] [aiofiles|bulk] [runs]"""
import asyncio, os, sys, tempfile, time

PAD = "x" * (63 - len("line 00000000 ")) + "\n"

def line(i):
    return f"line {i:08d} {PAD}"

async def aiofiles_like(path, n):
    loop = asyncio.get_running_loop()
    t0 = time.perf_counter()
    f = await loop.run_in_executor(None, lambda: open(path, "w", encoding="utf-8"))
    for i in range(n):
        await loop.run_in_executor(None, f.write, line(i))
    await loop.run_in_executor(None, f.close)
    t1 = time.perf_counter()
    f = await loop.run_in_executor(None, lambda: open(path, "r", encoding="utf-8"))
    count = 0
    while True:
        s = await loop.run_in_executor(None, f.readline)
        if not s:
            break
        count += 1
    await loop.run_in_executor(None, f.close)
    t2 = time.perf_counter()
    assert count == n
    return t1 - t0, t2 - t1

async def bulk(path, n):
    def write():
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(line(i))
    def read():
        c = 0
        with open(path, "r", encoding="utf-8") as f:
            for _ in f:
                c += 1
        return c
    t0 = time.perf_counter()
    await asyncio.to_thread(write)
    t1 = time.perf_counter()
    count = await asyncio.to_thread(read)
    t2 = time.perf_counter()
    assert count == n
    return t1 - t0, t2 - t1

async def main():
    mib = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    how = sys.argv[2] if len(sys.argv) > 2 else "bulk"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    n = mib * 1024 * 1024 // 64
    fn = aiofiles_like if how == "aiofiles" else bulk
    fd, path = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        res = sorted([await fn(path, n) for _ in range(runs)], key=lambda t: t[0] + t[1])
        w, r = res[len(res) // 2]
        print(f"cpython-asyncio {sys.version.split()[0]} ({how}): {mib} MiB, {n} lines: "
              f"write {w*1000:.0f} ms ({mib/w:.0f} MiB/s), read {r*1000:.0f} ms ({mib/r:.0f} MiB/s), median of {runs}")
    finally:
        os.unlink(path)

asyncio.run(main())
