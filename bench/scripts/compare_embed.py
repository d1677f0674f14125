#!/usr/bin/env python3
"""Sentence-embedding throughput, mlx4j against ONNX Runtime in one run: all-MiniLM-L6-v2 on the same ONNX model
and token ids (EmbedBench: batch 1, 32 and 256 real texts in length-sorted padded batches of at most 32, and a
fixed 32 x 128 token batch). Prints a Markdown table of medians: ms per workload, sentences/s, tokens/s and the
ratio mlx4j / ONNX Runtime in throughput (above 1.00x: mlx4j is faster).

  bench/scripts/compare_embed.py [--quick] [JMH ARGS...]

Needs the bench jar (./mlx4j mvn -B -o -q -pl bench -am package -DskipTests) and the MiniLM jar in ~/.m2.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
jar = os.path.join(root, "bench", "target", "benchmarks.jar")
java_home = subprocess.run([os.path.join(root, "bench", "scripts", "jdk-home.sh")], capture_output=True, text=True).stdout.strip()
java = os.path.join(java_home, "bin", "java") if java_home else "java"
flags = ["--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"]
args = sys.argv[1:]
jmh = ["-wi", "2", "-i", "3", "-w", "2s", "-r", "2s"] if args[:1] == ["--quick"] else []
jmh += [a for a in args if a != "--quick"]

counts = {}
out = subprocess.run([java, *flags, "-cp", jar, "org.mlx4j.bench.EmbedBench"], capture_output=True, text=True, check=True).stdout
for line in out.splitlines():
    parts = line.split()
    if len(parts) == 3 and parts[1].isdigit():
        counts[parts[0]] = (int(parts[1]), int(parts[2]))

with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
    result = f.name
subprocess.run([java, *flags, "-jar", jar, "EmbedBench", "-rf", "json", "-rff", result, *jmh], check=True,
               stdout=sys.stderr)
ms = {}
for r in json.load(open(result)):
    p = r["params"]
    raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
    ms[(p["workload"], p["engine"])] = statistics.median(raw)

print(f"cores: {os.cpu_count()}, ONNX Runtime intra-op threads = cores")
print()
print("| workload | texts | tokens | mlx4j ms | ONNX Runtime ms | mlx4j sentences/s | ORT sentences/s | mlx4j tokens/s | ORT tokens/s | mlx4j / ORT |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for w in ["batch1", "batch32", "batch256", "fixed32x128"]:
    if (w, "mlx4j") not in ms or (w, "onnxruntime") not in ms:
        continue
    n, tok = counts[w]
    a, b = ms[(w, "mlx4j")], ms[(w, "onnxruntime")]
    print(f"| {w} | {n} | {tok} | {a:.1f} | {b:.1f} | {n / a * 1e3:.1f} | {n / b * 1e3:.1f} | {tok / a * 1e3:.0f} | "
          f"{tok / b * 1e3:.0f} | {b / a:.2f}x |")
