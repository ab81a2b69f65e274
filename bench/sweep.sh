#!/usr/bin/env bash
# The lifecycle sweep benchmark: loads N profiles with stored lifecycles (scored one day ago) straight into a fresh
# embedded Elasticsearch node, runs one sweep through a hub child process and prints profiles/s, profiles written,
# stage changes and the hub's heap peak.
#
#   bench/sweep.sh [--profiles 100000] [--hub-heap 512m] [--es-heap 1g] [--seed 42] [--keep]
#   HUB_LIFECYCLE_SWEEP_PAGE_SIZE=1000 bench/sweep.sh     # the hub's sweep page size (default 500)
#
# Builds what is missing first. Exit code 1 when the sweep failed or missed profiles; never because of speed.
# Logs go to bench-out/sweep-<time>/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [[ ! -f hub-core/hub-server/target/hub-server.jar ]] || [[ ! -f bench/target/kehu-bench.jar ]] ||
   ! compgen -G "search/es-node/target/lib/es-node-*.jar" > /dev/null; then
  echo "bench: building the hub, the embedded node and the benchmark (./mvnw -q -DskipTests package)" >&2
  ./mvnw -q -DskipTests package
fi

# No scheduled sweep in the hub: the benchmark runs the one it measures.
export HUB_LIFECYCLE_SWEEP_INTERVAL=0
exec java -Xmx512m -Dfile.encoding=UTF-8 -Dkehu.repo="$ROOT" \
  -cp "bench/target/kehu-bench.jar:bench/target/lib/*" io.kehu.bench.SweepBenchmark "$@"
