#!/usr/bin/env python3
"""Paired same-round ratios from one run_micro.py JSONL file (bench/micro_side_by_side.sh).

run_micro.py runs every case --runs times, the loops interleaved run by run, and appends one
JSON line per run in that order; so the k-th run of loop A and the k-th run of loop B of a case
belong to the same round. For each case this prints every loop's median (min-max) and, per
reference loop, the median (min-max) over rounds of "how many times faster asyncio4j is":
reference time / asyncio4j time (items/s: asyncio4j / reference).

  bench/micro_ratios.py FILE.jsonl [--subject asyncio4j,asyncio4j-warm] [--refs asyncio,uvloop]
"""
import argparse
import json
import statistics

KEYS = {"switch": ("ns_per_switch", "ns/switch", False), "spawn": ("seconds", "s", False),
        "sleepers": ("seconds", "s", False), "queue": ("items_per_s", "items/s", True),
        "baseline": ("seconds", "s", False)}


def fmt(x):
    if x >= 1000:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def mmm(xs):
    return f"{fmt(statistics.median(xs))} ({fmt(min(xs))}-{fmt(max(xs))})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl")
    ap.add_argument("--subject", default="asyncio4j,asyncio4j-warm")
    ap.add_argument("--refs", default="asyncio,uvloop")
    a = ap.parse_args()
    cases = {}
    for line in open(a.jsonl):
        r = json.loads(line)
        cases.setdefault(r["case"], {}).setdefault(r["loop"], []).append(r)
    subjects = [s for s in a.subject.split(",") if s]
    refs = [s for s in a.refs.split(",") if s]
    head = "| case | " + " | ".join(f"{lp}" for lp in subjects + refs)
    for s in subjects:
        head += " | " + " | ".join(f"{r} / {s}" for r in refs)
    print(head + " | runs |")
    print("|---" * (1 + len(subjects) + len(refs) + len(subjects) * len(refs)) + "|---|")
    for case, loops in cases.items():
        mode = next(iter(loops.values()))[0]["mode"]
        key, unit, higher_better = KEYS[mode]
        cells = []
        for lp in subjects + refs:
            rs = loops.get(lp, [])
            cells.append(f"{mmm([r[key] for r in rs])} {unit}" if rs else "-")
        for s in subjects:
            for ref in refs:
                xs, ys = loops.get(s, []), loops.get(ref, [])
                n = min(len(xs), len(ys))
                if n == 0 or mode == "baseline":
                    cells.append("-")
                    continue
                ratios = [(x[key] / y[key]) if higher_better else (y[key] / x[key])
                          for x, y in zip(xs[:n], ys[:n])]
                cells.append(f"**{mmm(ratios)}**")
        runs = min(len(v) for v in loops.values())
        print(f"| {case} | " + " | ".join(cells) + f" | {runs} |")
    # peak RSS per loop and case
    print()
    print("| case | " + " | ".join(f"{lp} peak RSS MiB" for lp in subjects + refs) + " |")
    print("|---" * (1 + len(subjects) + len(refs)) + "|")
    for case, loops in cases.items():
        cells = []
        for lp in subjects + refs:
            rs = loops.get(lp, [])
            cells.append(mmm([r["peak_rss_kib"] / 1024 for r in rs]) if rs else "-")
        print(f"| {case} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
