#!/usr/bin/env python3
"""Side by side: NumPy's np.linalg against mlx4j's Linalg (LinalgBench, JMH) on svd, eigh and solve of one
512 x 512 matrix, float32 and float64, medians in milliseconds, printed as one table.

    python3 bench/scripts/compare_linalg.py [--runs 15] [--jmh "-f 1 -wi 3 -i 7"] [--java-path]

Run from the repository root after building the bench jar
(./mlx4j mvn -B -o -q -pl bench -am package -DskipTests). NumPy's svd is np.linalg.svd(a) (full matrices,
gesdd), eigh np.linalg.eigh (syevd), solve np.linalg.solve with 64 right-hand sides (gesv), on the same inputs
LinalgBench builds. --java-path also times mlx4j's pure-Java kernels (slow: seconds per call).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

N = 512


def numpy_medians(runs):
    rng = np.random.default_rng(1)
    out = {}
    for dtype in ("float32", "float64"):
        a = rng.uniform(-1, 1, (N, N)).astype(dtype)
        sym = (a + a.T) / 2
        system = a + N * np.eye(N, dtype=dtype)
        rhs = rng.uniform(-1, 1, (N, 64)).astype(dtype)
        work = {"svd": lambda: np.linalg.svd(a), "eigh": lambda: np.linalg.eigh(sym),
                "solve": lambda: np.linalg.solve(system, rhs)}
        for name, fn in work.items():
            for _ in range(3):
                fn()
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t0) * 1e3)
            out[(name, dtype)] = statistics.median(times)
    return out


def mlx4j_medians(jmh_args, java_path):
    jar = os.path.join("bench", "target", "benchmarks.jar")
    if not os.path.exists(jar):
        sys.exit("no " + jar + ": build it with ./mlx4j mvn -B -o -q -pl bench -am package -DskipTests")
    result = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    paths = "lapack,java" if java_path else "lapack"
    java_home = subprocess.run(["bench/scripts/jdk-home.sh"], check=True, capture_output=True, text=True).stdout.strip()
    # -Djmh.ignoreLock: JMH's lock only stops two JMH runs at once on a shared machine, which the figures say anyway
    cmd = [os.path.join(java_home, "bin", "java"), "-Djmh.ignoreLock=true", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar", jar,
           "LinalgBench", "-p", "path=" + paths, "-rf", "json", "-rff", result] + jmh_args.split()
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    out = {}
    with open(result) as f:
        for run in json.load(f):
            name = run["benchmark"].rsplit(".", 1)[1]
            p = run["params"]
            scores = [s for fork in run["primaryMetric"]["rawData"] for s in fork]
            out[(name, p["dtype"], p["path"])] = statistics.median(scores)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--jmh", default="-f 1 -wi 3 -i 7")
    ap.add_argument("--java-path", action="store_true")
    args = ap.parse_args()
    numpy = numpy_medians(args.runs)
    mlx = mlx4j_medians(args.jmh, args.java_path)
    head = "| op (512 x 512) | dtype | NumPy ms | mlx4j LAPACK ms | NumPy / mlx4j |"
    if args.java_path:
        head += " mlx4j pure Java ms |"
    print(head)
    print("|" + " --- |" * (head.count("|") - 1))
    for name in ("svd", "eigh", "solve"):
        for dtype in ("float32", "float64"):
            n, m = numpy[(name, dtype)], mlx[(name, dtype, "lapack")]
            row = f"| {name} | {dtype} | {n:.2f} | {m:.2f} | {n / m:.2f}x |"
            if args.java_path:
                row += f" {mlx[(name, dtype, 'java')]:.1f} |"
            print(row)


if __name__ == "__main__":
    main()
