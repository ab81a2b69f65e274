#!/usr/bin/env bash
# The delivery benchmark: imports N qualified leads into a hub child process, routes them all with one round-robin
# rule to a HubSpot destination instance, and delivers them in batches of 100 to a WireMock HubSpot in the
# benchmark's process that enforces the per-10-second limit with 429 + Retry-After. Prints leads/s, calls/s, records
# per call, 429s, the limit's ceiling and the ratio to it.
#
#   bench/delivery.sh [--leads 10000] [--crm-calls-per-10s 100] [--hub-calls-per-10s H] [--crm-latency-ms 0]
#                     [--hub-heap 512m] [--es-heap 1g] [--seed 42] [--keep] [--timeout-minutes M]
#
# Builds what is missing first. Exit code 1 unless every lead reached the CRM exactly once; 2 on a bad command line;
# never because of speed. Logs go to bench-out/delivery-<time>/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [[ ! -f hub-core/hub-server/target/hub-server.jar ]] || [[ ! -f bench/target/kehu-bench.jar ]] ||
   [[ ! -d bench/target/lib ]] || ! compgen -G "search/es-node/target/lib/es-node-*.jar" > /dev/null ||
   ! compgen -G "plugins/*spreadsheet*.jar" > /dev/null || ! compgen -G "plugins/*hubspot*.jar" > /dev/null; then
  echo "bench: building the hub, the embedded node, the plugins and the benchmark (./mvnw -q -DskipTests package)" >&2
  ./mvnw -q -DskipTests package
fi

exec java -Xmx512m -Dfile.encoding=UTF-8 -Dkehu.repo="$ROOT" \
  -cp "bench/target/kehu-bench.jar:bench/target/lib/*" io.kehu.bench.DeliveryBenchmark "$@"
