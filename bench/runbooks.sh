#!/usr/bin/env bash
# Runbook pack benchmark (issue 4): how long the whole pack takes to validate and compile once the JVM is warm,
# and how many facts per second a replay handles on a recording with a realistic process count.
# Environment: PROCESSES (500) SWEEPS (600) MEDIC_JAVA_OPTS (default: the JVM's defaults, as a long-running agent)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/medic-runbook-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
[[ -f cli/target/medic.jar ]] || mvn -B -q -DskipTests package
javac -d "$out/classes" -cp cli/target/medic.jar bench/src/dev/medic/bench/RunbookBench.java
echo "bench: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ), load $(cut -d" " -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java ${MEDIC_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "cli/target/medic.jar:$out/classes" \
  dev.medic.bench.RunbookBench runbooks "$out" "${PROCESSES:-500}" "${SWEEPS:-600}" | tee "$out/result.txt"
awk '/^validate_and_compile_ms/ { print ($3 < 1000 ? "PASS" : "MISS") ": pack validates and compiles in under 1 s warm (" $3 " ms)" }
     /^replay_facts_per_s/ { print ($3 >= 200000 ? "PASS" : "MISS") ": replay >= 200,000 facts/s (" $3 ")" }' "$out/result.txt"
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"
