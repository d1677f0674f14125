#!/usr/bin/env bash
# Warm start with and without a JDK AOT cache (JEP 483/514/515), each in fresh JVMs:
#   - org.mlx4j.bench.WarmStart (bench/target/benchmarks.jar): first op, first 1,000-op graph, first 10,000 eager ops;
#   - the demo (TokenStreamingExample, --delay-ms 0): its time to first token and the process's wall time.
#
#   bench/scripts/warm-start.sh [--runs N] [--out DIR]     (default 3 runs of each; needs bench/target/benchmarks.jar)
#
# The cache of each program is recorded once (a training run with -XX:AOTCacheOutput, not counted), then used
# with -XX:AOTCache. Medians of the runs are printed; raw lines go to DIR (default bench/target/warm-start-<date>).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runs=3; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done
out=${out:-bench/target/warm-start-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
java="$(bench/scripts/jdk-home.sh)/bin/java"
flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
[ -f bench/target/benchmarks.jar ] || { echo "build it first: ./mlx4j mvn -B -q -DskipTests -pl bench -am package" >&2; exit 1; }

echo "== building the examples' jars (package, no install)" >&2
./mlx4j mvn -B -q -DskipTests package dependency:build-classpath -pl examples -am \
    -Dmdep.outputFile=target/runtime-classpath.txt -DincludeScope=runtime >&2
demo_cp="$(ls examples/target/examples-*.jar | head -n1):$(cat examples/target/runtime-classpath.txt)"
demo=(org.mlx4j.examples.reactive.TokenStreamingExample --delay-ms 0)

warm() { "$java" "${flags[@]}" "$@" -cp bench/target/benchmarks.jar org.mlx4j.bench.WarmStart; }
demo_run() { # prints {"ttft_ms":..,"wall_s":..}
  local t0 t1 line
  t0=$(date +%s.%N)
  line=$("$java" "${flags[@]}" "$@" -cp "$demo_cp" "${demo[@]}" | grep '^summary:')
  t1=$(date +%s.%N)
  python3 -c "import re,sys; m=re.search(r'first token after ([0-9.]+) ms', sys.argv[1]); print('{\"ttft_ms\":%s,\"wall_s\":%.2f}' % (m.group(1), float(sys.argv[3]) - float(sys.argv[2])))" "$line" "$t0" "$t1"
}

echo "== recording the AOT caches (training runs, not counted)" >&2
warm -XX:AOTCacheOutput="$out/warmstart.aot" -Xlog:aot=off -Xlog:cds=off > /dev/null
demo_run -XX:AOTCacheOutput="$out/demo.aot" -Xlog:aot=off -Xlog:cds=off > /dev/null

for i in $(seq "$runs"); do
  echo "== run $i/$runs" >&2
  warm >> "$out/warmstart-nocache.jsonl"
  warm -XX:AOTCache="$out/warmstart.aot" >> "$out/warmstart-aot.jsonl"
  demo_run >> "$out/demo-nocache.jsonl"
  demo_run -XX:AOTCache="$out/demo.aot" >> "$out/demo-aot.jsonl"
done

python3 - "$out" <<'PY'
import json, statistics, sys, os
out = sys.argv[1]
def med(name):
    rows = [json.loads(l) for l in open(os.path.join(out, name)) if l.strip()]
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}, len(rows)
print("| figure (median of %d fresh JVMs) | no AOT cache | AOT cache |" % med("demo-aot.jsonl")[1])
print("| --- | --- | --- |")
for f in ("warmstart", "demo"):
    a, _ = med(f + "-nocache.jsonl"); b, _ = med(f + "-aot.jsonl")
    for k in a:
        print("| %s %s | %g | %g |" % (f, k, a[k], b[k]))
PY
echo "raw results: $out"
