#!/usr/bin/env python3
"""Quantized matrix-vector product of a decode step against the machine's streaming-read bandwidth.

Runs QuantMatvecBench (JMH: mlx4j's quantizedMatmul of x [1, K] with W [N, K], 4-bit group 64 unless
--bits/--group say otherwise, and a Vector API streaming read of as many bytes over the same thread pool) and, as peers, NumPy's float32
matrix-vector product of the same shape (the dense weights, 8x the packed bytes) and NumPy's sum over a
buffer of the packed size. Prints medians and GB/s over the bytes each reads.

usage: compare_quant.py [--java JAVA] [--jar JAR] [--quick] [--bits 4] [--group 64]
  (defaults: the JDK ./mlx4j uses, bench/target/benchmarks.jar; build it first with
   ./mlx4j mvn -B -o -q -pl bench -am package -DskipTests)
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

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# 28672 x 4096 is larger than a 32 MiB L3 at 4 and 8 bits, so its bytes come from DRAM
SHAPES = [(4096, 4096), (11008, 4096), (28672, 4096)]
BITS, GROUP = 4, 64


def packed_bytes(n, k):
    return n * k * BITS // 8 + 2 * n * (k // GROUP) * 4


def jmh(java, jar, quick):
    with tempfile.NamedTemporaryFile(suffix='.json', delete=False) as f:
        out = f.name
    iters = ['-wi', '3', '-i', '5'] if quick else ['-wi', '5', '-i', '10']
    cmd = [java, '-Djmh.ignoreLock=true', '-jar', jar, 'QuantMatvecBench', '-f', '1', '-w', '1', '-r', '1', *iters,
           '-p', 'bits=%d' % BITS, '-p', 'groupSize=%d' % GROUP,
           '-p', 'shape=' + ','.join('%dx%d' % s for s in SHAPES), '-jvm', java, '-rf', 'json', '-rff', out]
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    with open(out) as f:
        data = json.load(f)
    result = {}
    for b in data:
        name = b['benchmark'].rsplit('.', 1)[1]
        shape = tuple(int(v) for v in b['params']['shape'].split('x'))
        raw = [v for fork in b['primaryMetric']['rawData'] for v in fork]
        result[(name, shape)] = statistics.median(raw) * 1e-6  # us -> s
    return result


def numpy_peers(n, k, reps):
    rng = np.random.default_rng(0)
    w = rng.standard_normal((n, k), dtype=np.float32)
    x = rng.standard_normal(k, dtype=np.float32)
    buf = np.ones(packed_bytes(n, k) // 4, dtype=np.float32)

    def median_time(fn):
        for _ in range(3):
            fn()
        ts = []
        for _ in range(reps):
            t = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t)
        return statistics.median(ts)

    return median_time(lambda: w @ x), median_time(lambda: buf.sum()), w.nbytes


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--java')
    p.add_argument('--jar', default=os.path.join(ROOT, 'bench', 'target', 'benchmarks.jar'))
    p.add_argument('--quick', action='store_true')
    p.add_argument('--bits', type=int, default=4)
    p.add_argument('--group', type=int, default=64)
    a = p.parse_args()
    global BITS, GROUP
    BITS, GROUP = a.bits, a.group
    java = a.java
    if java is None:
        home = subprocess.run([os.path.join(ROOT, 'bench', 'scripts', 'jdk-home.sh')], check=True,
                              capture_output=True, text=True).stdout.strip()
        java = os.path.join(home, 'bin', 'java')
    res = jmh(java, a.jar, a.quick)
    print(f'threads: {os.cpu_count()} cores; NumPy {np.__version__}')
    print(f'| N x K | mlx4j quantizedMatmul ({BITS}-bit, g{GROUP}) | mlx4j streaming read, same bytes | '
          'mlx4j % of read bandwidth | NumPy float32 W @ x (dense) | NumPy sum, same bytes |')
    print('| --- | --- | --- | --- | --- | --- |')
    for n, k in SHAPES:
        nbytes = packed_bytes(n, k)
        q, r = res[('quantizedMatvec', (n, k))], res[('streamingRead', (n, k))]
        dense, npsum, dense_bytes = numpy_peers(n, k, 20 if a.quick else 50)
        print(f'| {n} x {k} | {q * 1e3:.3f} ms ({nbytes / q / 1e9:.1f} GB/s) | {r * 1e3:.3f} ms ({nbytes / r / 1e9:.1f} GB/s) '
              f'| {100 * r / q:.0f}% | {dense * 1e3:.3f} ms ({dense_bytes / dense / 1e9:.1f} GB/s) '
              f'| {npsum * 1e3:.3f} ms ({nbytes / npsum / 1e9:.1f} GB/s) |')


if __name__ == '__main__':
    main()
