#!/usr/bin/env bash
# Builds and runs one comparison peer in its own JVM; stdout carries only its JSON lines.
#   bench/peers/run-peer.sh onnxruntime|tensorflow|djl-pytorch|nd4j [--warmup W] [--repeats N]
#                           [--threads T] [--workloads matmul_1024,matmul_2048,add_16m,exp_mul_add_16m]
# The JDK is the one ./mlx4j finds (read back from `./mlx4j mvn -v`), so there is one JDK finder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${1:-}
[ $# -gt 0 ] && shift
flags=(-Xmx3g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED)
case "$name" in
  onnxruntime) main=OnnxRuntimePeer ;;
  tensorflow)  main=TensorFlowPeer ;;
  djl-pytorch) main=DjlPytorchPeer; flags+=(-Dai.djl.offline=true) ;;
  nd4j)        main=Nd4jPeer; flags+=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED) ;;
  *) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
# Maven 3 prints "Java version: ..., runtime: DIR", newer ones "Java home: DIR".
java_home=$("$root/mlx4j" mvn -B -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' \
  | sed -n -e 's/.*runtime: *\([^ ,]*\).*/\1/p' -e 's/^Java home: *//p' | head -n1)
[ -x "$java_home/bin/java" ] || { echo "run-peer.sh: could not read the JDK from ./mlx4j mvn -v" >&2; exit 1; }
# Offline first (fast, no network); fall back to a resolving build the first time.
"$root/mlx4j" mvn -B -q -o -f "$here/$name/pom.xml" compile >&2 2>/dev/null \
  || "$root/mlx4j" mvn -B -q -f "$here/$name/pom.xml" compile >&2
cp="$here/$name/target/classes:$(cat "$here/$name/target/classpath.txt")"
exec "$java_home/bin/java" "${flags[@]}" -cp "$cp" "org.mlx4j.bench.peers.$main" "$@"
