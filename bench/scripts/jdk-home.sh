#!/usr/bin/env bash
# Prints the JDK home that ./mlx4j selects (JDK 25+), read back from `./mlx4j mvn -v`, so the benchmark
# scripts start their JVMs with the same JDK as the build without a second copy of the JDK finder.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# Maven 3 prints "Java version: ..., runtime: DIR"; Maven 4 prints "Java home: DIR".
home=$("$root/mlx4j" mvn -B -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' \
  | sed -n -e 's/.*runtime: *\([^ ,]*\).*/\1/p' -e 's/^Java home: *//p' | head -n1)
if [ -z "$home" ] || [ ! -x "$home/bin/java" ]; then
  echo "jdk-home.sh: could not read the JDK from ./mlx4j mvn -v (run ./mlx4j mvn -v to see why)" >&2
  exit 1
fi
echo "$home"
