#!/usr/bin/env python3
"""Merges the comparison results into one table: workload x implementation, median time, ratio vs NumPy.

Inputs: JSON-lines files (numpy_bench.py and the Java peers print one object per workload) and JMH
result files (-rf json) of the mlx4j benchmarks, which are converted to the same lines. Writes the merged
lines to --jsonl if given and prints a Markdown table on stdout.

Ratio = implementation median / NumPy median: below 1.00x is faster than NumPy, above is slower.
"""
import argparse
import json
import sys

WORKLOAD_ORDER = ["matmul_1024", "matmul_2048", "add_16m", "exp_mul_add_16m", "dispatch_chain_1000"]
UNIT_MS = {"s": 1e3, "ms": 1.0, "us": 1e-3, "ns": 1e-6}


def jmh_lines(path):
    """One comparison line per mlx4j JMH result (median of the measurement iterations)."""
    with open(path) as f:
        results = json.load(f)
    for r in results:
        bench = r["benchmark"].rsplit(".", 2)
        cls, method = bench[-2], bench[-1]
        params = r.get("params", {})
        metric = r["primaryMetric"]
        unit = metric["scoreUnit"].split("/")[0]
        if r["mode"] != "avgt" or unit not in UNIT_MS:
            continue
        per_op_ms = metric["scorePercentiles"]["50.0"] * UNIT_MS[unit]
        line = {"impl": "mlx4j", "version": r.get("vmVersion", ""), "source": "jmh",
                "repeats": sum(len(fork) for fork in metric.get("rawData", [])),
                "warmup": r.get("warmupIterations")}
        if cls == "MatmulBench":
            n = int(params["n"])
            line.update(impl=f"mlx4j ({params['path']})", workload=f"matmul_{n}", median_ms=per_op_ms,
                        gflops=2.0 * n ** 3 / (per_op_ms * 1e-3) / 1e9)
        elif cls == "ElementwiseBench":
            size = int(params["size"])
            suffix = "16m" if size == 1 << 24 else str(size)
            arrays = 3 if method == "add" else 4
            name = "add" if method == "add" else "exp_mul_add"
            line.update(workload=f"{name}_{suffix}", median_ms=per_op_ms,
                        gbps=arrays * 4.0 * size / (per_op_ms * 1e-3) / 1e9)
        elif cls == "DispatchBench":
            ops = 1000  # @OperationsPerInvocation: the score is per op
            line.update(impl="mlx4j (one eval)" if method == "chainOneEval" else "mlx4j (eval each)",
                        workload="dispatch_chain_1000", median_ms=per_op_ms * ops, us_per_op=per_op_ms * 1e3)
        else:
            continue
        yield line


def read_jsonl(path):
    with open(path) as f:
        for raw in f:
            raw = raw.strip()
            if raw.startswith("{"):
                yield json.loads(raw)


def throughput(line):
    for key, unit in (("gflops", "GFLOP/s"), ("gbps", "GB/s"), ("us_per_op", "us/op")):
        if line.get(key) is not None:
            return f"{line[key]:.1f} {unit}" if key != "us_per_op" else f"{line[key]:.2f} {unit}"
    return ""


def table(lines):
    impls = []
    for line in lines:
        if line["impl"] not in impls:
            impls.append(line["impl"])
    impls.sort(key=lambda i: (i != "numpy", not i.startswith("mlx4j"), i))
    workloads = sorted({l["workload"] for l in lines},
                       key=lambda w: (WORKLOAD_ORDER.index(w) if w in WORKLOAD_ORDER else 99, w))
    by = {(l["workload"], l["impl"]): l for l in lines}
    out = ["| workload | " + " | ".join(impls) + " |", "|---|" + "---|" * len(impls)]
    for w in workloads:
        base = by.get((w, "numpy"))
        cells = []
        for i in impls:
            l = by.get((w, i))
            if l is None:
                cells.append("-")
                continue
            cell = f"{l['median_ms']:.3f} ms"
            if base and i != "numpy":
                cell += f" ({l['median_ms'] / base['median_ms']:.2f}x)"
            tp = throughput(l)
            cells.append(cell + (f"<br>{tp}" if tp else ""))
        out.append(f"| {w} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jmh", action="append", default=[], help="JMH -rf json result file (repeatable)")
    p.add_argument("--jsonl", help="write the merged lines here")
    p.add_argument("files", nargs="*", help="JSON-lines result files (NumPy, peers)")
    args = p.parse_args()
    lines = []
    for path in args.files:
        lines.extend(read_jsonl(path))
    for path in args.jmh:
        lines.extend(jmh_lines(path))
    if not lines:
        sys.exit("compare_table.py: no results to show")
    if args.jsonl:
        with open(args.jsonl, "w") as f:
            for line in lines:
                f.write(json.dumps(line) + "\n")
    print("Median time per run; (ratio) = median / NumPy median, below 1.00x is faster than NumPy.\n")
    print(table(lines))


if __name__ == "__main__":
    main()
