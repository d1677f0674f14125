#!/usr/bin/env python3
"""conv2d on ResNet-50's convolution shapes (batch 8, float32) side by side: mlx4j (JMH ConvBench in sample mode, NHWC:
time-based warm-up, 3 x 2 s, so that the JIT has compiled the kernels; the median and minimum of every call
timed in R/2 iterations of 2 s),
PyTorch CPU (Debian's python3-torch, NCHW tensors in channels_last memory format) and ONNX Runtime
(Java, bench/peers/onnxruntime's OnnxConvPeer, NCHW). The peers run W warm-up calls, then R timed calls,
one call per sample; the table shows each median (ms) and its ratio to
mlx4j's (> 1: mlx4j is faster). See bench/README.md "Convolutions".

    bench/scripts/compare_conv.py [--warmup 3] [--repeats 10] [--threads N] [--layers name,name] [--skip-build]

PyTorch runs under /usr/bin/python3 (where Debian installs it), with torch.set_num_threads(threads).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# name:H:C_in:C_out:K:stride:padding, H = W, batch 8; the same list as ConvBench's @Param
LAYERS = ["conv1:224:3:64:7:2:3", "l1_3x3:56:64:64:3:1:1", "l1_1x1:56:64:256:1:1:0", "l2_3x3s2:56:128:128:3:2:1",
          "l3_3x3:14:256:256:3:1:1", "l3_1x1:14:1024:256:1:1:0", "l4_3x3:7:512:512:3:1:1"]

TORCH = r'''
import sys, time, torch
warmup, repeats, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
print("torch", torch.__version__, threads, "threads", file=sys.stderr)
for layer in sys.argv[4:]:
    name, h, cin, cout, k, s, p = layer.split(":")
    h, cin, cout, k, s, p = map(int, (h, cin, cout, k, s, p))
    g = torch.Generator().manual_seed(1)
    x = (torch.rand(8, cin, h, h, generator=g) * 2 - 1).to(memory_format=torch.channels_last)
    w = ((torch.rand(cout, cin, k, k, generator=g) * 2 - 1) * 0.1).to(memory_format=torch.channels_last)
    with torch.no_grad():
        y = torch.nn.functional.conv2d(x, w, stride=s, padding=p)
        xd, wd, o = x.double().numpy(), w.double().numpy(), y.shape[2]
        for (b, c, i, j) in [(0, 0, 0, 0), (7, cout - 1, o - 1, o - 1), (4, cout // 2, o // 2, o // 3)]:
            acc = 0.0
            for di in range(k):
                for dj in range(k):
                    r, q = i * s + di - p, j * s + dj - p
                    if 0 <= r < h and 0 <= q < h:
                        acc += float((xd[b, :, r, q] * wd[c, :, di, dj]).sum())
            assert abs(float(y[b, c, i, j]) - acc) <= 1e-3 * (1 + abs(acc)), (name, b, c, i, j, float(y[b, c, i, j]), acc)
    times = []
    with torch.no_grad():
        for r in range(warmup + repeats):
            t0 = time.perf_counter()
            y = torch.nn.functional.conv2d(x, w, stride=s, padding=p)
            if r >= warmup:
                times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    print(name, "%.3f" % times[len(times) // 2], "%.3f" % times[0])
'''


def run(cmd, **kw):
    print("==", " ".join(cmd[:6]), "...", file=sys.stderr)
    return subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE, **kw).stdout


def parse(text):
    out = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) == 3:
            out[f[0]] = (float(f[1]), float(f[2]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--layers", default="")
    ap.add_argument("--skip-build", action="store_true")
    a = ap.parse_args()
    layers = [l for l in LAYERS if not a.layers or l.split(":")[0] in a.layers.split(",")]
    java = os.path.join(run([os.path.join(ROOT, "bench/scripts/jdk-home.sh")]).strip(), "bin", "java")
    results = {}

    if not a.skip_build:
        run([os.path.join(ROOT, "mlx4j"), "mvn", "-B", "-o", "-q", "-pl", "bench", "-am", "package", "-DskipTests"], cwd=ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        rf = os.path.join(tmp, "jmh.json")
        cmd = [java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar",
               os.path.join(ROOT, "bench/target/benchmarks.jar"), r"org\.mlx4j\.bench\.ConvBench\.", "-bm", "sample", "-f", "1",
               "-wi", "3", "-w", "2s", "-i", str(max(3, a.repeats // 2)), "-r", "2s", "-tu", "ms", "-rf", "json", "-rff", rf,
               "-jvmArgsAppend", "-Dmlx4j.cpu.threads=%d" % a.threads, "-p", "layer=" + ",".join(layers)]
        run(cmd, cwd=ROOT)
        mlx = {}
        for b in json.load(open(rf)):
            pct = b["primaryMetric"]["scorePercentiles"]
            mlx[b["params"]["layer"].split(":")[0]] = (pct["50.0"], pct["0.0"])
        results["mlx4j"] = mlx

    results["pytorch"] = parse(run(["/usr/bin/python3", "-c", TORCH, str(a.warmup), str(a.repeats), str(a.threads)] + layers))

    peer = os.path.join(ROOT, "bench/peers/onnxruntime")
    run([os.path.join(ROOT, "mlx4j"), "mvn", "-B", "-q", "-o", "-f", os.path.join(peer, "pom.xml"), "compile"], cwd=ROOT)
    cp = os.path.join(peer, "target/classes") + ":" + open(os.path.join(peer, "target/classpath.txt")).read().strip()
    results["onnxruntime"] = parse(run([java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, "org.mlx4j.bench.peers.OnnxConvPeer",
                                        str(a.warmup), str(a.repeats), str(a.threads)] + layers))

    names = ["mlx4j", "pytorch", "onnxruntime"]
    print("| layer (batch 8, float32) | GFLOP | " + " | ".join(n + " median ms (min)" for n in names)
          + " | best peer / mlx4j |")
    print("|---|---:|" + "---:|" * len(names) + "---:|")
    for l in layers:
        name, h, cin, cout, k, s, p = l.split(":")
        h, cin, cout, k, s, p = map(int, (h, cin, cout, k, s, p))
        o = (h + 2 * p - k) // s + 1
        gflop = 2 * 8 * o * o * cout * cin * k * k / 1e9
        cells, peers = [], []
        for n in names:
            r = results[n].get(name)
            cells.append("%.1f (%.1f)" % r if r else "-")
            if r and n != "mlx4j":
                peers.append(r[0])
        m = results["mlx4j"].get(name)
        ratio = "%.2f" % (min(peers) / m[0]) if m and peers else "-"
        print("| %s %dx%d/%d %d->%d @%d | %.2f | %s | %s |" % (name, k, k, s, cin, cout, h, gflop, " | ".join(cells), ratio))


if __name__ == "__main__":
    main()
