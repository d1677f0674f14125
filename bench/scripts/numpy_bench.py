#!/usr/bin/env python3
"""NumPy baseline for the mlx4j comparison: the same workloads as the JMH benchmarks and the Java peers.

Prints one JSON line per workload on stdout (median of --repeats timed runs after --warmup untimed runs),
in the format the Java peers print, and a summary of the BLAS that ran on stderr.

OpenBLAS reads OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE when it loads, so unset them (if wanted) in the
command that starts this script, e.g.  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 numpy_bench.py
The values seen at start are reported in every line ("openblas_env").
"""
import argparse
import ctypes
import json
import os
import platform
import sys
import time

ENV_KEYS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
# Captured before NumPy (and so OpenBLAS) is imported: this is what OpenBLAS saw.
OPENBLAS_ENV = {k: os.environ[k] for k in ENV_KEYS if k in os.environ}

import numpy as np  # noqa: E402  (after the environment snapshot on purpose)

WORKLOADS = ("matmul_1024", "matmul_2048", "add_16m", "exp_mul_add_16m", "dispatch_chain_1000")
CHAIN_OPS = 1000
CHAIN_SIZE = 8


def blas_info():
    """Which OpenBLAS core and thread count run, from threadpoolctl if installed, else asked directly."""
    try:
        from threadpoolctl import threadpool_info

        for entry in threadpool_info():
            if entry.get("internal_api") == "openblas":
                return {"source": "threadpoolctl", "library": entry.get("filepath"),
                        "version": entry.get("version"), "core": entry.get("architecture"),
                        "threads": entry.get("num_threads"), "threading": entry.get("threading_layer")}
    except ImportError:
        pass
    info = _openblas_via_ctypes()
    if info:
        return info
    # Last resort: the build-time configuration (no run-time core or thread count).
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return {"source": "numpy.show_config", "library": blas.get("name"), "version": blas.get("version"),
                "core": None, "threads": None, "config": blas.get("openblas configuration")}
    except Exception as e:  # pragma: no cover - depends on the NumPy build
        return {"source": "unknown", "error": repr(e)}


def _openblas_via_ctypes():
    """What threadpoolctl does: find the loaded OpenBLAS and call its get_corename/get_num_threads."""
    np.dot(np.ones((2, 2)), np.ones((2, 2)))  # make sure the BLAS is loaded
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:
        return None
    for path in sorted(paths):
        lib = ctypes.CDLL(path)
        for prefix in ("openblas", "scipy_openblas"):
            for suffix in ("", "64_", "_64"):
                corename = getattr(lib, f"{prefix}_get_corename{suffix}", None)
                if corename is None:
                    continue
                corename.restype = ctypes.c_char_p
                threads = getattr(lib, f"{prefix}_get_num_threads{suffix}")
                config = getattr(lib, f"{prefix}_get_config{suffix}")
                config.restype = ctypes.c_char_p
                return {"source": "ctypes", "library": path, "core": corename().decode(),
                        "threads": threads(), "config": config().decode().strip()}
    return None


def time_ms(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    return samples


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def run(workload, args, rng):
    extra = {}
    if workload.startswith("matmul_"):
        n = int(workload.split("_")[1])
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        out = a @ b
        ref = a[:4].astype(np.float64) @ b.astype(np.float64)
        assert np.allclose(out[:4], ref, atol=2e-5 * n), workload
        samples = time_ms(lambda: a @ b, args.warmup, args.repeats)
        extra["gflops"] = 2.0 * n ** 3 / (median(samples) * 1e-3) / 1e9
    elif workload == "add_16m":
        a, b = (rng.uniform(-1, 1, args.elements).astype(np.float32) for _ in range(2))
        assert np.array_equal(a + b, (a.astype(np.float64) + b).astype(np.float32)), workload
        samples = time_ms(lambda: a + b, args.warmup, args.repeats)
        extra["gbps"] = 3.0 * 4 * args.elements / (median(samples) * 1e-3) / 1e9
    elif workload == "exp_mul_add_16m":
        a, b, c = (rng.uniform(-1, 1, args.elements).astype(np.float32) for _ in range(3))
        ref = np.exp((a * b + c).astype(np.float64))
        assert np.allclose(np.exp(a * b + c), ref, rtol=2e-6, atol=0), workload
        samples = time_ms(lambda: np.exp(a * b + c), args.warmup, args.repeats)
        extra["gbps"] = 4.0 * 4 * args.elements / (median(samples) * 1e-3) / 1e9
    elif workload == "dispatch_chain_1000":
        x0 = rng.uniform(-1, 1, CHAIN_SIZE).astype(np.float32)
        b = rng.uniform(-1, 1, CHAIN_SIZE).astype(np.float32)
        c = rng.uniform(0.25, 0.75, CHAIN_SIZE).astype(np.float32)

        def chain():
            x = x0
            for _ in range(CHAIN_OPS // 2):
                x = x * c
                x = x + b
            return x

        samples = time_ms(chain, args.warmup, args.repeats)
        extra["us_per_op"] = median(samples) * 1e3 / CHAIN_OPS
    else:
        raise ValueError(f"unknown workload {workload!r}; expected one of {WORKLOADS}")
    return samples, extra


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--elements", type=int, default=1 << 24, help="elementwise length (default 16M)")
    p.add_argument("--workloads", default=",".join(WORKLOADS))
    args = p.parse_args()
    if args.warmup < 0 or args.repeats < 1 or args.elements < 1:
        p.error("need --warmup >= 0, --repeats >= 1, --elements >= 1")
    blas = blas_info()
    print(f"numpy {np.__version__}, BLAS: {json.dumps(blas)}, OpenBLAS environment at start: {OPENBLAS_ENV}",
          file=sys.stderr)
    rng = np.random.default_rng(1234)
    for workload in args.workloads.split(","):
        samples, extra = run(workload, args, rng)
        line = {"impl": "numpy", "version": np.__version__, "workload": workload,
                "median_ms": round(median(samples), 4), "min_ms": round(min(samples), 4),
                "repeats": args.repeats, "warmup": args.warmup, "threads": blas.get("threads")}
        line.update({k: round(v, 4) for k, v in extra.items()})
        line.update({"blas_core": blas.get("core"), "openblas_env": OPENBLAS_ENV,
                     "python": platform.python_version()})
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
