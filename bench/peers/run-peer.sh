#!/usr/bin/env bash
# Builds and runs one comparison peer in its own JVM; stdout carries only its JSON lines.
#   bench/peers/run-peer.sh onnxruntime|tensorflow|djl-pytorch|nd4j [--warmup W] [--repeats N]
#                           [--threads T] [--workloads matmul_1024,matmul_2048,add_16m,exp_mul_add_16m]
# The JDK is the one ./mlx4j finds (bench/scripts/jdk-home.sh), so there is one JDK finder.
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
java_home=$("$root/bench/scripts/jdk-home.sh")
# Offline first (fast, no network); fall back to a resolving build the first time.
"$root/mlx4j" mvn -B -q -o -f "$here/$name/pom.xml" compile >&2 2>/dev/null \
  || "$root/mlx4j" mvn -B -q -f "$here/$name/pom.xml" compile >&2
cp="$here/$name/target/classes:$(cat "$here/$name/target/classpath.txt")"
exec "$java_home/bin/java" "${flags[@]}" -cp "$cp" "org.mlx4j.bench.peers.$main" "$@"
