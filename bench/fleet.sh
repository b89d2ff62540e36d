#!/usr/bin/env bash
# Fleet benchmark (issue 13): a real 3-server ZooKeeper ensemble in child JVMs on 127.0.0.1; the resident memory
# of a JVM with a connected fleet client against one without; the time from a permit freed to the next grant; and
# the decisions per second AGENTS (50) simulated agents sustain over SECONDS (20), each asking in a loop.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/medic-fleet-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
# compiled in the reactor (nothing installed into the local repository); the last module written is fleet's
mvn -B -o -q -pl fleet -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/cp.txt" >/dev/null
cp="fleet/target/test-classes:fleet/target/classes:$(cat "$out/cp.txt")"
echo "bench: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ), load $(cut -d" " -f1-3 /proc/loadavg)"
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" dev.medic.fleet.FleetBench \
  "${AGENTS:-50}" "${SECONDS_RUN:-20}" | tee "$out/result.txt"
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"
