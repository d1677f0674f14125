#!/usr/bin/env python3
"""Fused against unfused: runs FastBench (the ops of org.mlx4j.core.Fast, each one kernel, against the same
computation written as separate ops) in one JMH run and prints a Markdown table of the medians with the
speedup, fused over unfused (target >= 2x). See bench/README.md "Fast ops: fused against unfused".

    bench/scripts/compare_fast.py [--quick] [--workloads a,b,...] [--out DIR] [--no-build]

--quick      -wi 1 -i 3 -w 1s -r 1s (validation); default -wi 3 -i 5 -w 1s -r 1s
--warmup N   N warmup iterations instead of 3 (the Vector API loops are slow until C2 compiles them,
             which takes longer on a loaded machine)
--workloads  a subset of FastBench's workload parameter (default: all)
--out        where JMH's JSON result and the table go (default bench/target/compare-fast-<date>)
--no-build   use the existing bench/target/benchmarks.jar
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
UNIT_US = {"s": 1e6, "ms": 1e3, "us": 1.0, "ns": 1e-3}


def medians(path):
    """{(workload, method): (median us, runs)} from a JMH JSON result: the median of every measured iteration."""
    with open(path) as f:
        results = json.load(f)
    out = {}
    for r in results:
        method = r["benchmark"].rsplit(".", 1)[-1]
        metric = r["primaryMetric"]
        scale = UNIT_US[metric["scoreUnit"].split("/")[0]]
        runs = [x * scale for fork in metric["rawData"] for x in fork]
        out[(r["params"]["workload"], method)] = (statistics.median(runs), len(runs))
    return out


def fmt(us):
    return f"{us / 1e3:.2f} ms" if us >= 1000 else f"{us:.1f} us"


def table(results):
    workloads = []
    for w, _ in results:
        if w not in workloads:
            workloads.append(w)
    lines = ["| workload | unfused (separate ops) | fused (`Fast`) | speedup |", "| --- | ---: | ---: | ---: |"]
    for w in workloads:
        u, f = results.get((w, "unfused")), results.get((w, "fused"))
        if not u or not f:
            continue
        lines.append(f"| {w} | {fmt(u[0])} | {fmt(f[0])} | {u[0] / f[0]:.2f}x |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--warmup", type=int, default=3, help="JMH warmup iterations of 1 s (default 3)")
    p.add_argument("--workloads")
    p.add_argument("--out")
    p.add_argument("--no-build", action="store_true")
    a = p.parse_args()
    out = a.out or os.path.join(ROOT, "bench", "target", "compare-fast-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out, exist_ok=True)
    if not a.no_build:
        subprocess.run([os.path.join(ROOT, "mlx4j"), "mvn", "-B", "-q", "-o", "-DskipTests", "-pl", "bench", "-am", "package"],
                       cwd=ROOT, check=True, stdout=sys.stderr)
    java = os.path.join(subprocess.run([os.path.join(ROOT, "bench", "scripts", "jdk-home.sh")], cwd=ROOT, check=True,
                                       capture_output=True, text=True).stdout.strip(), "bin", "java")
    iterations = ["-wi", "1", "-i", "3"] if a.quick else ["-wi", str(a.warmup), "-i", "5"]
    result = os.path.join(out, "fast.json")
    # the machine is shared: another JMH run may hold JMH's lock file
    cmd = [java, "-Djmh.ignoreLock=true", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar",
           os.path.join(ROOT, "bench", "target", "benchmarks.jar"), "FastBench", "-f", "1", *iterations,
           "-w", "1s", "-r", "1s", "-rf", "json", "-rff", result]
    if a.workloads:
        cmd += ["-p", "workload=" + a.workloads]
    print("== " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=sys.stderr)
    text = table(medians(result))
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
