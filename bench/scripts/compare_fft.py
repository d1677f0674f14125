#!/usr/bin/env python3
"""FFT side by side: NumPy's pocketfft (numpy.fft) and mlx4j (FftBench) on the same workloads, one run.

Workloads: fft of 2^20 COMPLEX64 points, rfft of 2^20 FLOAT32 points (NumPy 2 computes both in float32).
For each implementation two figures, medians:
  wall ms  - NumPy: --repeats timed calls after --warmup; mlx4j: JMH average time per iteration
             (FftBench, -f 1 -wi 3 -i 10 by default), on all the threads mlx4j uses;
  cpu ms   - CPU time per transform on one thread (NumPy: time.process_time; mlx4j: FftBench.main with
             -Dmlx4j.cpu.threads=1), the figure a busy machine moves least.
The ratio columns are NumPy's time over mlx4j's (above 1: mlx4j is faster).

  python3 bench/scripts/compare_fft.py [--repeats 15] [--warmup 3] [--jmh "-f 1 -wi 3 -i 10"] [--no-build]
Run from the repository root; builds bench/target/benchmarks.jar with `package` unless --no-build.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

N = 1 << 20


def numpy_figures(repeats, warmup):
    rng = np.random.default_rng(1)
    x = (rng.uniform(-1, 1, N) + 1j * rng.uniform(-1, 1, N)).astype(np.complex64)
    r = rng.uniform(-1, 1, N).astype(np.float32)
    out = {}
    for name, f, a in (("fft", np.fft.fft, x), ("rfft", np.fft.rfft, r)):
        assert f(a).dtype == np.complex64
        for _ in range(warmup):
            f(a)
        wall, cpu = [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            f(a)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - t0)
        out[name] = (1e3 * sorted(wall)[len(wall) // 2], 1e3 * sorted(cpu)[len(cpu) // 2])
    return out


def mlx4j_figures(java, jar, jmh_args):
    with tempfile.TemporaryDirectory() as d:
        result = os.path.join(d, "jmh.json")
        cmd = [java, "-Djmh.ignoreLock=true", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
               "-jar", jar, "FftBench", *jmh_args.split(), "-jvm", java, "-rf", "json", "-rff", result]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(result) as f:
            wall = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"]["score"] for b in json.load(f)}
    cmd = [java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dmlx4j.cpu.threads=1",
           "-cp", jar, "org.mlx4j.bench.FftBench", str(N)]
    lines = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()
    cpu = {l.split()[0]: float(l.split()[3]) for l in lines if "cpu_ms_per_op" in l}
    return {k: (wall[k], cpu[k]) for k in ("fft", "rfft")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--jmh", default="-f 1 -wi 3 -i 10")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["./mlx4j", "mvn", "-B", "-o", "-q", "-pl", "bench", "-am", "package", "-DskipTests",
                        "-Dmlx4j.javadoc.skip=true"], check=True)
    java = os.path.join(subprocess.run(["bench/scripts/jdk-home.sh"], check=True, capture_output=True, text=True)
                        .stdout.strip(), "bin", "java")
    load = os.getloadavg()[0]
    mlx = mlx4j_figures(java, "bench/target/benchmarks.jar", args.jmh)
    npy = numpy_figures(args.repeats, args.warmup)
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cpus, load average {load:.1f} at start, "
          f"NumPy {np.__version__}")
    print("| workload | NumPy wall ms | mlx4j wall ms | wall ratio | NumPy cpu ms | mlx4j cpu ms (1 thread) | cpu ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for k, label in (("fft", "fft 2^20 complex64"), ("rfft", "rfft 2^20 float32")):
        (nw, nc), (mw, mc) = npy[k], mlx[k]
        print(f"| {label} | {nw:.2f} | {mw:.2f} | {nw / mw:.2f}x | {nc:.2f} | {mc:.2f} | {nc / mc:.2f}x |")


if __name__ == "__main__":
    sys.exit(main())
