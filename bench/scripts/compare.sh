#!/usr/bin/env bash
# Side-by-side comparison: NumPy, the mlx4j JMH benchmarks and the Java peers on the same workloads,
# printed as one table (workload x implementation, median, ratio vs NumPy). See bench/README.md.
#
#   bench/scripts/compare.sh [--quick] [--out DIR] [--only numpy,mlx4j,onnxruntime,tensorflow,djl-pytorch,nd4j]
#
#   --quick   fewer repeats (validation only: NumPy/peers 1 warmup + 3 runs, JMH -wi 1 -i 3 -w 1s -r 1s)
#   --out     where the raw results go (default bench/target/compare-<date>)
#   --only    run a subset; the table shows whatever ran
# Default settings: NumPy/peers 3 warmup + 10 runs; JMH -f 3 -wi 3 -i 5 (override with JMH_ARGS="...").
# Builds the bench jar with `package` only (nothing is installed into ~/.m2).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
invocation="$0 $*"

quick=""; out=""; only="numpy,mlx4j,onnxruntime,tensorflow,djl-pytorch,nd4j"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --out) out="$2"; shift ;;
    --only) only="$2"; shift ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$only," == *",$1,"* ]]; }
out=${out:-bench/target/compare-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
if [ -n "$quick" ]; then
  harness_args=(--warmup 1 --repeats 3); jmh_args=(-f 1 -wi 1 -i 3 -w 1s -r 1s)
else
  harness_args=(--warmup 3 --repeats 10); jmh_args=(-f 3 -wi 3 -i 5)
fi
# shellcheck disable=SC2206
[ -n "${JMH_ARGS:-}" ] && jmh_args=($JMH_ARGS)

java_home=$(bench/scripts/jdk-home.sh)
log() { echo "== $*" >&2; }
failed=()
jsonl=()

{ echo "date: $(date -Is)"; echo "command: $invocation"; lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|L2|L3)';
  "$java_home/bin/java" -version 2>&1 | head -n1; } > "$out/machine.txt"

if wants numpy; then
  log "NumPy (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for this command)"
  if env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/scripts/numpy_bench.py "${harness_args[@]}" \
       > "$out/numpy.jsonl" 2> "$out/numpy.log"; then
    jsonl+=("$out/numpy.jsonl"); cat "$out/numpy.log" >&2
  else
    failed+=(numpy); tail -n 20 "$out/numpy.log" >&2
  fi
fi

jmh=()
if wants mlx4j; then
  log "building bench/target/benchmarks.jar"
  ./mlx4j mvn -B -q -DskipTests -pl bench -am package >&2
  log "mlx4j JMH: ${jmh_args[*]}"
  if "$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
       -jar bench/target/benchmarks.jar 'org\.mlx4j\.bench\.(MatmulBench|ElementwiseBench|DispatchBench)\.' \
       "${jmh_args[@]}" -rf json -rff "$out/jmh.json" > "$out/jmh.log" 2>&1; then
    jmh=(--jmh "$out/jmh.json")
  else
    failed+=(mlx4j); tail -n 30 "$out/jmh.log" >&2
  fi
fi

for peer in onnxruntime tensorflow djl-pytorch nd4j; do
  wants "$peer" || continue
  log "peer $peer"
  if bench/peers/run-peer.sh "$peer" "${harness_args[@]}" > "$out/$peer.jsonl" 2> "$out/$peer.log"; then
    jsonl+=("$out/$peer.jsonl")
  else
    failed+=("$peer"); tail -n 20 "$out/$peer.log" >&2
    # Keep whatever workloads did finish.
    [ -s "$out/$peer.jsonl" ] && jsonl+=("$out/$peer.jsonl")
  fi
done

echo
cat "$out/machine.txt"
echo
python3 bench/scripts/compare_table.py "${jmh[@]}" --jsonl "$out/all.jsonl" "${jsonl[@]}" | tee "$out/table.md"
echo
echo "raw results: $out"
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]} (logs in $out)" >&2
  exit 1
fi
