#!/usr/bin/env bash
# API benchmark (issue 10): GET /status p99 under 200 requests/s while a real agent sweeps this host with the
# shipped pack, and how much the agent's decision latency (sweep duration) grows under that load.
# Environment: SECONDS_PER_PHASE (20) RATE (200) MEDIC_JAVA_OPTS (default: as ./medic run, -XX:+UseSerialGC)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/medic-api-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
[[ -f cli/target/medic.jar ]] || mvn -B -q -DskipTests package
javac -d "$out/classes" -cp cli/target/medic.jar bench/src/dev/medic/bench/ApiBench.java
echo "bench: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ), load $(cut -d" " -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java ${MEDIC_JAVA_OPTS:--XX:+UseSerialGC} -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "cli/target/medic.jar:$out/classes" dev.medic.bench.ApiBench runbooks "$out" "${SECONDS_PER_PHASE:-20}" \
  "${RATE:-200}" | tee "$out/result.txt"
awk '/^status_p99_ms/ { print ($3 < 10 ? "PASS" : "MISS") ": status p99 under 10 ms at the rate above (" $3 " ms)" }
     /^decision_latency_growth_pct/ { print ($3 < 10 ? "PASS" : "MISS") ": decision latency grows < 10% under load (" $3 "%)" }' \
  "$out/result.txt"
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"
