#!/usr/bin/env bash
# llama.cpp on GGUF files written by mlx4j (org.mlx4j.lm.gguf.LlamaGgufExport) from a random Llama of
# SmolLM-135M's shape, in F32, F16, Q8_0 and Q4_0: prefill 128 and 512 tokens and decode 128 tokens with
# llama.cpp's prebuilt CPU binaries (the npm package node-llama-cpp@3.21.1 ships them; llama-bench itself is
# not in it, so bench/scripts/llamacpp_bench.mjs times the same tests through its bindings), next to the
# decode bandwidth limit (the file's bytes read once per token over a measured streaming-read bandwidth).
# llama.cpp loading each file is also the check that the export is one llama.cpp reads. Prints a table.
#
#   bench/scripts/compare_lm.sh [--threads 2] [--reps 3] [--work DIR]
#
# Needs node/npm (the first run downloads node-llama-cpp into DIR/llamacpp), python3 with numpy and
# safetensors (PYTHON=... to choose one) and builds mlx-core and mlx-lm with `package` (nothing installed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
threads=2; reps=3; work=bench/target/compare-lm
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift ;;
    --reps) reps="$2"; shift ;;
    --work) work="$2"; shift ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done
python=${PYTHON:-python3}
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "== $*" >&2; }

# 1. llama.cpp's prebuilt CPU binaries
if [ ! -d "$work/llamacpp/node_modules/@node-llama-cpp/linux-x64" ]; then
  log "installing node-llama-cpp@3.21.1 into $work/llamacpp"
  mkdir -p "$work/llamacpp"
  (cd "$work/llamacpp" && npm i -E --ignore-scripts --no-audit --no-fund node-llama-cpp@3.21.1 >&2)
fi

# 2. the model directory: SmolLM-135M's shape, random weights, a byte-level BPE tokenizer of 49152 tokens
model="$work/smollm-135m-random"
if [ ! -f "$model/model.safetensors" ]; then
  log "writing a random SmolLM-135M-shaped Llama into $model"
  "$python" bench/scripts/make_random_llama.py "$model" >&2
fi

# 3. mlx4j's export, one GGUF file per precision
log "building mlx-core and mlx-lm"
./mlx4j mvn -B -o -q -pl mlx-lm -am package -DskipTests >&2
./mlx4j mvn -B -o -q -pl mlx-lm dependency:build-classpath -DincludeScope=runtime -DexcludeGroupIds=org.mlx4j \
  -Dmdep.outputFile="$work/classpath.txt" >&2
cp="$(ls mlx-core/target/mlx-core-*.jar | grep -v -e sources -e javadoc | head -n1):$(ls mlx-lm/target/mlx-lm-*.jar | grep -v -e sources -e javadoc | head -n1):$(cat "$work/classpath.txt")"
java="$(bench/scripts/jdk-home.sh)/bin/java"
files=()
for p in F32 F16 Q8_0 Q4_0; do
  log "exporting $p"
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx3g -cp "$cp" \
    org.mlx4j.lm.gguf.LlamaGgufExport "$model" "$work/smollm-135m-$p.gguf" "$p" >&2
  files+=("$work/smollm-135m-$p.gguf")
done

# 4. the machine's streaming-read bandwidth (NumPy's sum of 1 GiB, one thread)
bandwidth=$("$python" - <<'PY'
import time, numpy as np
buf = np.ones(1 << 28, dtype=np.float32)
buf.sum()
ts = []
for _ in range(5):
    t = time.perf_counter(); buf.sum(); ts.append(time.perf_counter() - t)
print(buf.nbytes / sorted(ts)[2] / 1e9)
PY
)

# 5. llama.cpp
log "llama.cpp: prefill 128/512, decode 128, $threads threads, median of $reps"
node bench/scripts/llamacpp_bench.mjs "$work/llamacpp/node_modules" --threads "$threads" --prefill 128,512 \
  --decode 128 --reps "$reps" "${files[@]}" | grep '^{' > "$work/llamacpp.jsonl"

# 6. mlx4j's side: decode and prefill of the same model directory in float32, bfloat16, 8-bit and 4-bit.
#    MLX4J SIDE: runs here once mlx-lm's Llama (org.mlx4j.lm.models) and its generation loop are in this
#    checkout; until then the table shows "n/a" in the mlx4j columns.
: > "$work/mlx4j.jsonl"

"$python" - "$work" "$bandwidth" "$threads" <<'PY'
import json, os, sys
work, bandwidth, threads = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = {}
for name in ('llamacpp', 'mlx4j'):
    with open(os.path.join(work, name + '.jsonl')) as f:
        for line in f:
            r = json.loads(line)
            p = os.path.basename(r['file']).rsplit('-', 1)[1].removesuffix('.gguf')
            rows.setdefault(p, {})[(name, r['test'])] = r['tokens_per_s']
print(f'streaming read: {bandwidth:.1f} GB/s (NumPy, one thread); llama.cpp threads: {threads}')
print('| precision | GGUF MiB | llama.cpp pp128 tok/s | llama.cpp pp512 tok/s | llama.cpp tg128 tok/s '
      '| decode limit tok/s (bytes / bandwidth) | llama.cpp tg128 % of limit | mlx4j tg128 tok/s | mlx4j pp512 tok/s |')
print('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for p in ('F32', 'F16', 'Q8_0', 'Q4_0'):
    size = os.path.getsize(os.path.join(work, f'smollm-135m-{p}.gguf'))
    r = rows.get(p, {})
    limit = bandwidth * 1e9 / size
    cell = lambda k: f'{r[k]:.1f}' if k in r else 'n/a'
    tg = r.get(('llamacpp', 'tg128'))
    print(f'| {p} | {size / 2**20:.1f} | {cell(("llamacpp", "pp128"))} | {cell(("llamacpp", "pp512"))} | {cell(("llamacpp", "tg128"))} '
          f'| {limit:.1f} | {100 * tg / limit:.0f}% | {cell(("mlx4j", "tg128"))} | {cell(("mlx4j", "pp512"))} |' if tg else '')
PY
