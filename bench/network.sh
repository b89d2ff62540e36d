#!/usr/bin/env bash
# Network benchmark (issue 9; method and recorded figures: docs/benchmarks.md, "Network").
#
# In one run, on this host: (1) the inside network facts of a sweep with LISTENERS loopback listeners and
# CONNECTIONS loopback connections (2 sockets each) held by the bench's own JVM, against `ss -s` + `nstat -az` +
# `ss -ltn` reading the same sockets; (2) the CPU share of CHECKS http checks at a 10 s interval against a local
# python http.server; (3) `medic diagnose` wall time, whole process, for a healthy and a refused local service,
# against `curl -w` + `ss -s` + `nstat` doing the same look. Prints RESULT lines and PASS/MISS per goal.
#
# Environment: LISTENERS (50) CONNECTIONS (5000) ROUNDS (30) CHECKS (100) CHECK_SECONDS (60) RUNS (5)
#              MEDIC_JAVA_OPTS (the launcher's short-command flags)
set -euo pipefail
cd "$(dirname "$0")/.."
LISTENERS=${LISTENERS:-50}
CONNECTIONS=${CONNECTIONS:-5000}
ROUNDS=${ROUNDS:-30}
CHECKS=${CHECKS:-100}
CHECK_SECONDS=${CHECK_SECONDS:-60}
RUNS=${RUNS:-5}
SHORT_OPTS=${MEDIC_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}
for tool in ss nstat curl python3 javac; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
out=$(mktemp -d /tmp/medic-net-bench.XXXXXX)
[[ -f cli/target/medic.jar ]] || mvn -B -q -o -DskipTests package
cp cli/target/medic.jar "$out/medic.jar"
javac -d "$out/classes" -cp "$out/medic.jar" bench/src/dev/medic/bench/NetworkBench.java
bench=(java -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$out/medic.jar:$out/classes"
  dev.medic.bench.NetworkBench)

# every process this script starts is killed by pid on the way out
pids=()
cleanup() {
  ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
# wall ms of a command, RUNS times, median
wall_ms() {
  for ((i = 0; i < RUNS; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
  done | median
}

echo "bench: $(date -u +%FT%TZ) $(uname -sr), $(nproc) CPUs, $(java -version 2>&1 | head -1)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- (1) inside facts with many sockets ----
want=$((2 * CONNECTIONS + LISTENERS + 1024))
if (($(ulimit -n) < want)); then ulimit -n "$want"; fi
"${bench[@]}" inside "$LISTENERS" "$CONNECTIONS" "$ROUNDS" >"$out/inside.txt" 2>"$out/inside.log" &
pids+=($!)
for ((i = 0; i < 600; i++)); do grep -q READY "$out/inside.txt" 2>/dev/null && break; sleep 0.5; done
grep -q READY "$out/inside.txt" || { echo "bench: the inside bench did not get ready" >&2; cat "$out/inside.log"; exit 1; }
grep -v READY "$out/inside.txt"
echo "bench: sockets now: $(ss -s | head -2 | tr '\n' ' ')"
tools_ms=$(wall_ms bash -c 'ss -s; nstat -az; ss -ltn')
echo "RESULT tools-inside-wall $tools_ms $tools_ms $RUNS"
kill "${pids[-1]}" 2>/dev/null || true

# ---- (2) CHECKS http checks at 10 s ----
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
pids+=($!)
sleep 1
"${bench[@]}" checks "$CHECKS" "$port" "$CHECK_SECONDS" | tee "$out/checks.txt"

# ---- (3) medic diagnose, whole process: healthy and refused ----
refused=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086
diag=(java $SHORT_OPTS -jar "$out/medic.jar" diagnose)
healthy_ms=$(wall_ms "${diag[@]}" "http://127.0.0.1:$port/")
refused_ms=$(wall_ms "${diag[@]}" "tcp://127.0.0.1:$refused")
tools_healthy=$(wall_ms bash -c "curl -s -o /dev/null -w '%{time_connect} %{time_starttransfer} %{time_total}' \
  http://127.0.0.1:$port/; ss -s; nstat -az; ss -ltnp")
tools_refused=$(wall_ms bash -c "curl -s -o /dev/null -w '%{time_connect}' http://127.0.0.1:$refused/; ss -s; \
  nstat -az; ss -ltnp")
echo "RESULT diagnose-healthy-wall $healthy_ms $healthy_ms $RUNS"
echo "RESULT diagnose-refused-wall $refused_ms $refused_ms $RUNS"
echo "RESULT tools-healthy-wall $tools_healthy $tools_healthy $RUNS"
echo "RESULT tools-refused-wall $tools_refused $tools_refused $RUNS"
"${diag[@]}" "tcp://127.0.0.1:$refused" >"$out/diagnose-refused.txt" 2>&1 || true
echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg); raw output in $out"

# ---- goals ----
inside_cpu=$(awk '/RESULT inside-cpu / {print $3}' "$out/inside.txt")
checks_cpu=$(awk '/RESULT checks-cpu-percent/ {print $3}' "$out/checks.txt")
awk -v i="$inside_cpu" -v c="$checks_cpu" -v h="$healthy_ms" -v r="$refused_ms" 'BEGIN {
  printf "%s: inside facts, %s ms CPU a sweep (< 2 ms)\n", (i < 2 ? "PASS" : "MISS"), i
  printf "%s: checks at 10 s, %s%% of a core (< 1%%)\n", (c < 1 ? "PASS" : "MISS"), c
  printf "%s: diagnose healthy, %s ms whole process (< 1500 ms)\n", (h < 1500 ? "PASS" : "MISS"), h
  printf "%s: diagnose refused, %s ms whole process (< 1500 ms)\n", (r < 1500 ? "PASS" : "MISS"), r
}'
