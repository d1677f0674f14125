#!/usr/bin/env python3
"""One Adam training step (batch 64, softmax cross entropy, learning rate 1e-3) of the handwritten-digits MLP
(64-128-128-10) and CNN (conv 3x3 16, max-pool 2, conv 3x3 32, max-pool 2, linear 10) side by side, in one run:

- mlx4j: JMH TrainingStepBench in sample mode (time-based warm-up, then every step timed), the step compiled
  with the model and optimizer state as captured inputs/outputs and eager; channels last (NHWC);
- PyTorch CPU: Debian's python3-torch (/usr/bin/python3), zero_grad, forward, backward, Adam step, loss.item();
  channels first (NCHW), as PyTorch users write it;
- DJL on the PyTorch engine: bench/peers/djl-pytorch's DjlTrainingPeer (libtorch from the pytorch-native-cpu jar on
  the classpath, -Dai.djl.offline=true: nothing is downloaded at run time).

Every engine uses the same number of threads, and the engines take turns for --rounds rounds so that a burst of
load elsewhere falls on all of them. The table shows each step time in ms, the median of the rounds' medians (the
least minimum in brackets), and the ratios of the best peer's median and minimum to mlx4j's compiled ones (> 1:
mlx4j is faster); on a busy machine the minima are the steadier figure. See bench/README.md
"Training step: mlx4j, PyTorch and DJL".

    bench/scripts/compare_training.py [--rounds 3] [--warmup 300] [--repeats 1000] [--threads 2] [--models mlp,cnn] [--skip-build]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = ["mlp", "cnn"]

TORCH = r'''
import sys, time, torch
import torch.nn as nn
import torch.nn.functional as F
warmup, repeats, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
print("torch", torch.__version__, threads, "threads", file=sys.stderr)
torch.manual_seed(0)
for name in sys.argv[4:]:
    if name == "mlp":
        model = nn.Sequential(nn.Flatten(), nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 10))
    else:
        model = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3, 1, 1), nn.ReLU(),
                              nn.MaxPool2d(2), nn.Flatten(), nn.Linear(2 * 2 * 32, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.rand(64, 1, 8, 8), torch.randint(0, 10, (64,))
    times = []
    for r in range(warmup + repeats):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        value = loss.item()
        if r >= warmup:
            times.append((time.perf_counter() - t0) * 1e3)
    assert value == value and value < 2.31, (name, value)  # learning, on a fixed batch
    times.sort()
    print(name, "%.4f" % times[len(times) // 2], "%.4f" % times[0])
'''


def run(cmd, **kw):
    print("==", " ".join(cmd[:8]), "...", file=sys.stderr)
    return subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE, **kw).stdout


def parse(text):
    out = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) == 3:
            out[f[0]] = (float(f[1]), float(f[2]))
    return out


def mlx4j(java, models, threads):
    with tempfile.TemporaryDirectory() as tmp:
        rf = os.path.join(tmp, "jmh.json")
        run([java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar",
             os.path.join(ROOT, "bench/target/benchmarks.jar"), r"org\.mlx4j\.bench\.TrainingStepBench\.", "-bm", "sample",
             "-f", "1", "-wi", "3", "-w", "1s", "-i", "4", "-r", "1s", "-tu", "ms", "-rf", "json", "-rff", rf,
             "-jvmArgsAppend", "-Dmlx4j.cpu.threads=%d" % threads, "-p", "model=" + ",".join(models),
             "-p", "compiled=true,false"], cwd=ROOT)
        out = {"mlx4j compiled": {}, "mlx4j eager": {}}
        for b in json.load(open(rf)):
            pct = b["primaryMetric"]["scorePercentiles"]
            kind = "mlx4j compiled" if b["params"]["compiled"] == "true" else "mlx4j eager"
            out[kind][b["params"]["model"]] = (pct["50.0"], pct["0.0"])
        return out


def djl(java, warmup, repeats, threads, models):
    peer = os.path.join(ROOT, "bench/peers/djl-pytorch")
    pom = os.path.join(peer, "pom.xml")
    try:  # offline first; the first time, resolve the DJL and libtorch jars from Maven Central
        run([os.path.join(ROOT, "mlx4j"), "mvn", "-B", "-q", "-o", "-f", pom, "compile"], cwd=ROOT)
    except subprocess.CalledProcessError:
        run([os.path.join(ROOT, "mlx4j"), "mvn", "-B", "-q", "-f", pom, "compile"], cwd=ROOT)
    cp = os.path.join(peer, "target/classes") + ":" + open(os.path.join(peer, "target/classpath.txt")).read().strip()
    return parse(run([java, "-Xmx2g", "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                      "org.mlx4j.bench.peers.DjlTrainingPeer", str(warmup), str(repeats), str(threads)] + models))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--skip-build", action="store_true")
    a = ap.parse_args()
    models = [m for m in a.models.split(",") if m]
    for m in models:
        if m not in MODELS:
            sys.exit("unknown model %r, expected one of %s" % (m, MODELS))
    java = os.path.join(run([os.path.join(ROOT, "bench/scripts/jdk-home.sh")]).strip(), "bin", "java")

    if not a.skip_build:
        run([os.path.join(ROOT, "mlx4j"), "mvn", "-B", "-o", "-q", "-pl", "bench", "-am", "package", "-DskipTests"], cwd=ROOT)
    # The engines take turns, round after round, so that a burst of load elsewhere on a shared machine falls on
    # all of them; each figure is the median of the rounds' medians (and the least minimum).
    rounds = []
    for r in range(a.rounds):
        print("== round %d of %d" % (r + 1, a.rounds), file=sys.stderr)
        one = mlx4j(java, models, a.threads)
        one["pytorch"] = parse(run(["/usr/bin/python3", "-c", TORCH, str(a.warmup), str(a.repeats), str(a.threads)] + models))
        one["djl-pytorch"] = djl(java, a.warmup, a.repeats, a.threads, models)
        rounds.append(one)
    results = {}
    for n in rounds[0]:
        results[n] = {}
        for m in models:
            got = [one[n][m] for one in rounds if m in one.get(n, {})]
            if got:
                medians = sorted(g[0] for g in got)
                results[n][m] = (medians[len(medians) // 2], min(g[1] for g in got))

    names = ["mlx4j compiled", "mlx4j eager", "pytorch", "djl-pytorch"]
    print("| model (batch 64, Adam, float32, %d threads) | " % a.threads + " | ".join(n + " median ms (min)" for n in names)
          + " | best peer / mlx4j compiled, medians | same, minima |")
    print("|---|" + "---:|" * len(names) + "---:|---:|")
    for m in models:
        cells = []
        for n in names:
            r = results[n].get(m)
            cells.append("%.3f (%.3f)" % r if r else "n/a")
        ratios = []
        for k in (0, 1):  # medians, minima
            peers = [results[n][m][k] for n in ("pytorch", "djl-pytorch") if m in results[n]]
            mine = results["mlx4j compiled"].get(m)
            ratios.append("%.2fx" % (min(peers) / mine[k]) if peers and mine else "n/a")
        print("| %s | %s | %s |" % (m, " | ".join(cells), " | ".join(ratios)))


if __name__ == "__main__":
    main()
