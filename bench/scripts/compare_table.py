#!/usr/bin/env python3
"""Merges the comparison results into one table: a row per workload x implementation, with the median time,
the fastest run, throughput and the ratio to NumPy.

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
        min_op_ms = metric["scorePercentiles"]["0.0"] * UNIT_MS[unit]
        line = {"impl": "mlx4j", "version": r.get("vmVersion", ""), "source": "jmh",
                "repeats": sum(len(fork) for fork in metric.get("rawData", [])),
                "warmup": r.get("warmupIterations")}
        if cls == "MatmulBench":
            n = int(params["n"])
            line.update(impl=f"mlx4j ({params['path']})", workload=f"matmul_{n}", median_ms=per_op_ms, min_ms=min_op_ms,
                        gflops=2.0 * n ** 3 / (per_op_ms * 1e-3) / 1e9)
        elif cls == "ElementwiseBench":
            size = int(params["size"])
            suffix = "16m" if size == 1 << 24 else str(size)
            arrays = 3 if method == "add" else 4
            name = "add" if method == "add" else "exp_mul_add"
            line.update(workload=f"{name}_{suffix}", median_ms=per_op_ms, min_ms=min_op_ms,
                        gbps=arrays * 4.0 * size / (per_op_ms * 1e-3) / 1e9)
        elif cls == "DispatchBench":
            ops = 1000  # @OperationsPerInvocation: the score is per op
            line.update(impl="mlx4j (one eval)" if method == "chainOneEval" else "mlx4j (eval each)",
                        workload="dispatch_chain_1000", median_ms=per_op_ms * ops, min_ms=min_op_ms * ops,
                        us_per_op=per_op_ms * 1e3)
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
    """One row per (workload, implementation), NumPy first within each workload, then mlx4j, then peers."""
    def impl_key(i):
        return (i != "numpy", not i.startswith("mlx4j"), i)

    workloads = sorted({l["workload"] for l in lines},
                       key=lambda w: (WORKLOAD_ORDER.index(w) if w in WORKLOAD_ORDER else 99, w))
    out = ["| workload | implementation | median | min | throughput | vs NumPy |", "|---|---|---:|---:|---:|---:|"]
    for w in workloads:
        rows = sorted((l for l in lines if l["workload"] == w), key=lambda l: impl_key(l["impl"]))
        base = next((l for l in rows if l["impl"] == "numpy"), None)
        for l in rows:
            ratio = f"{l['median_ms'] / base['median_ms']:.2f}x" if base and l is not base else ""
            low = f"{l['min_ms']:.3f} ms" if l.get("min_ms") is not None else ""
            out.append(f"| {w} | {l['impl']} | {l['median_ms']:.3f} ms | {low} | {throughput(l)} | {ratio} |")
    return "\n".join(out)


def value(line):
    """The row's throughput figure, higher is better for all but us/op."""
    for key in ("gflops", "gbps", "us_per_op"):
        if line.get(key) is not None:
            return key, line[key]
    return None, None


DISPATCH_TARGETS_US = {"mlx4j (one eval)": 1.0, "mlx4j (eval each)": 2.0}


def summary(lines):
    """The issue's side-by-side table: per workload NumPy, each mlx4j variant, the best peer, and whether the
    targets hold (ahead of every peer and of NumPy; matmul >= 0.95x NumPy; dispatch <= 1 / 2 us per op)."""
    out = ["| workload | NumPy | mlx4j | best peer | target |", "|---|---:|---:|---:|---|"]
    workloads = sorted({l["workload"] for l in lines},
                       key=lambda w: (WORKLOAD_ORDER.index(w) if w in WORKLOAD_ORDER else 99, w))
    for w in workloads:
        rows = [l for l in lines if l["workload"] == w]
        numpy = next((l for l in rows if l["impl"] == "numpy"), None)
        ours = [l for l in rows if l["impl"].startswith("mlx4j")]
        peers = [l for l in rows if l["impl"] != "numpy" and not l["impl"].startswith("mlx4j")]
        key, _ = value(ours[0] if ours else rows[0])
        if key is None:
            continue
        fmt = (lambda v: f"{v:.2f}") if key == "us_per_op" else (lambda v: f"{v:.1f}")
        best = min(peers, key=lambda l: l[key]) if key == "us_per_op" and peers else \
            max(peers, key=lambda l: l[key]) if peers else None
        verdicts = []
        for l in ours:
            v = l[key]
            if key == "us_per_op":
                limit = DISPATCH_TARGETS_US.get(l["impl"])
                ok = limit is None or v <= limit
                verdicts.append(f"{l['impl'][6:]}: {'met' if ok else 'NOT met'} (<= {limit} us/op)")
            elif numpy is None and not peers:
                verdicts.append(f"{l['impl'][6:] or 'mlx4j'}: no NumPy or peer row to compare with")
            else:
                ahead = all(v > p[key] for p in peers)
                if w.startswith("matmul"):
                    ok = ahead and (numpy is None or v >= 0.95 * numpy[key])
                    verdicts.append(f"{l['impl'][6:]}: {'met' if ok else 'NOT met'}"
                                    + (f" ({v / numpy[key]:.2f}x NumPy)" if numpy else ""))
                else:
                    ok = ahead and (numpy is None or v > numpy[key])
                    verdicts.append(f"{'met' if ok else 'NOT met'}")
        ours_cell = " / ".join(f"{fmt(l[key])} ({l['impl'][6:].strip('()') or 'mlx4j'})" if len(ours) > 1
                               else fmt(l[key]) for l in ours)
        unit = {"gflops": "GFLOP/s", "gbps": "GB/s", "us_per_op": "us/op"}[key]
        out.append(f"| {w} ({unit}) | {fmt(numpy[key]) if numpy else '-'} | {ours_cell or '-'} | "
                   f"{(best['impl'] + ' ' + fmt(best[key])) if best else '-'} | {'; '.join(verdicts) or '-'} |")
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
    print("Median and fastest time per run (JMH: per iteration average); vs NumPy = median / NumPy median,"
          " below 1.00x is faster than NumPy.\n")
    print(table(lines))
    print("\nSide by side (medians; mlx4j must lead every peer and NumPy, matmul >= 0.95x NumPy on both paths,"
          " dispatch <= 1 us/op with one eval and <= 2 us/op evaluating each op):\n")
    print(summary(lines))


if __name__ == "__main__":
    main()
