#!/usr/bin/env bash
# The import benchmark: generates lead files, indexes them straight into Elasticsearch (baseline), then imports
# them end to end through a hub child process and prints one table per format.
#
#   bench/run.sh [--rows N] [--format csv|xlsx|both] [--hub-heap 512m] [--skip-baseline]
#                [--es-heap 1g] [--seed S] [--work-dir DIR] [--keep] [--timeout-minutes M]
#
# Builds what is missing first (./mvnw -q -DskipTests package). Exit code 1 when an import failed, rejected rows or
# left a wrong number of profiles; 2 on a bad command line; never because of speed. Logs go to bench-out/<time>/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

missing() {
  [[ ! -f hub-core/hub-server/target/hub-server.jar ]] ||
  [[ ! -f bench/target/kehu-bench.jar ]] ||
  [[ ! -d bench/target/lib ]] ||
  ! compgen -G "search/es-node/target/lib/es-node-*.jar" > /dev/null ||
  ! compgen -G "plugins/*spreadsheet*.jar" > /dev/null
}

if missing; then
  echo "bench: building the hub, the embedded node, the plugins and the benchmark (./mvnw -q -DskipTests package)" >&2
  ./mvnw -q -DskipTests package
fi
if ! compgen -G "plugins/*spreadsheet*.jar" > /dev/null; then
  echo "bench: no spreadsheet plugin jar in plugins/ after the build; the hub runs would fail" >&2
fi

exec java -Xmx512m -Dfile.encoding=UTF-8 -Dkehu.repo="$ROOT" \
  -cp "bench/target/kehu-bench.jar:bench/target/lib/*" io.kehu.bench.BenchmarkMain "$@"
