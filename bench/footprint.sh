#!/usr/bin/env bash
# Medic footprint benchmark (method and figures: docs/benchmarks.md, "Footprint").
#
# For each JVM flag set in VARIANTS, one `medic run` with the shipped config (config/medic.yaml: the whole pack,
# shipped intervals) for SETTLE + WINDOW seconds: start to the journal's start line (rules compiled, first sweep
# next), resident memory (VmRSS) and threads after SETTLE seconds, CPU (utime + stime) over the next WINDOW
# seconds. earlyoom and prometheus-node-exporter (Debian packages; installed when missing and we are root) run
# through the whole run and are measured over the same windows. Exits 0 whatever the figures.
#
# Environment: SETTLE (40) WINDOW (30) BENCH_OUT (a new /tmp/medic-footprint.* dir) MEDIC_BENCH_NO_INSTALL=1
set -euo pipefail
cd "$(dirname "$0")/.."
SETTLE=${SETTLE:-40}
WINDOW=${WINDOW:-30}
out=${BENCH_OUT:-$(mktemp -d /tmp/medic-footprint.XXXXXX)}
mkdir -p "$out"
missing=()
command -v earlyoom >/dev/null || missing+=(earlyoom)
command -v prometheus-node-exporter >/dev/null || missing+=(prometheus-node-exporter)
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 && -z ${MEDIC_BENCH_NO_INSTALL:-} ]] && command -v apt-get >/dev/null; then
    echo "footprint: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "footprint: missing ${missing[*]}; install them (or run as root)" >&2
    exit 1
  fi
fi
[[ -f cli/target/medic.jar ]] || mvn -B -q -o -DskipTests package
cp -p cli/target/medic.jar "$out/medic.jar" # -p: a CDS archive is tied to the jar's mtime

capped="-XX:+UseSerialGC -Xmx40m -Xms8m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -Xss512k"
capped="$capped -XX:MaxDirectMemorySize=16m -XX:CICompilerCount=2"
VARIANTS=${VARIANTS:-"launcher=-XX:+UseSerialGC
capped=$capped
capped-c1=$capped -XX:TieredStopAtLevel=1
capped-c1-cds=$capped -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$out/medic.jsa"}

pids=()
cleanup() { ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

earlyoom -r 0 >"$out/earlyoom.out" 2>&1 &
pids+=($!); eo=$!
prometheus-node-exporter --web.listen-address=127.0.0.1:19100 >"$out/node_exporter.out" 2>&1 &
pids+=($!); ne=$!

tck=$(getconf CLK_TCK)
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

if [[ $VARIANTS == *medic.jsa* && ! -f $out/medic.jsa ]]; then
  echo "footprint: training the class-data-sharing archive ($out/medic.jsa)"
  java $capped -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$out/medic.jsa" -Dmedic.oomScoreAdj=-900 -Dmedic.memoryBudgetMiB=80 -jar "$out/medic.jar" run \
    --config config/medic.yaml --state-dir "$out/train" --for 15s >"$out/train.out" 2>&1 || true
fi

printf '%-16s %8s %9s %8s %9s\n' variant ready_ms rss_MiB threads cpu_%core | tee "$out/figures.txt"
while IFS= read -r line; do
  name=${line%%=*}; opts=${line#*=}
  state="$out/state-$name"
  rm -rf "$state" # a journal left by an earlier run would give a stale start line
  t0=$(date +%s%3N)
  # shellcheck disable=SC2086
  java $opts -Dmedic.oomScoreAdj=-900 -Dmedic.memoryBudgetMiB=80 -jar "$out/medic.jar" run --config config/medic.yaml --state-dir "$state" \
    --for $((SETTLE + WINDOW + 5))s >"$out/$name.out" 2>&1 &
  medic=$!; pids+=("$medic")
  ready=-
  for _ in $(seq 300); do
    if grep -q '"event":"start"' "$state/journal.jsonl" 2>/dev/null; then
      at=$(grep -m1 '"event":"start"' "$state/journal.jsonl" | sed 's/.*"at":\([0-9]*\).*/\1/')
      ready=$((at - t0)); break
    fi
    sleep 0.1
  done
  left=$((SETTLE - (($(date +%s%3N) - t0) / 1000)))
  ((left > 0)) && sleep "$left"
  rss=$(rss_kb "$medic"); thr=$(threads "$medic")
  c0=$(cpu_ticks "$medic"); e0=$(cpu_ticks "$eo"); n0=$(cpu_ticks "$ne")
  sleep "$WINDOW"
  c1=$(cpu_ticks "$medic"); e1=$(cpu_ticks "$eo"); n1=$(cpu_ticks "$ne")
  cpu() { awk -v a="$1" -v b="$2" -v t="$tck" -v w="$WINDOW" 'BEGIN {printf "%.2f", (b - a) / t / w * 100}'; }
  printf '%-16s %8s %9.1f %8s %9s\n' "$name" "$ready" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$thr" \
    "$(cpu "$c0" "$c1")" | tee -a "$out/figures.txt"
  printf '%-16s %8s %9.1f %8s %9s\n' "  earlyoom" - "$(awk -v k="$(rss_kb "$eo")" 'BEGIN {print k / 1024}')" \
    "$(threads "$eo")" "$(cpu "$e0" "$e1")" | tee -a "$out/figures.txt"
  printf '%-16s %8s %9.1f %8s %9s\n' "  node_exporter" - "$(awk -v k="$(rss_kb "$ne")" 'BEGIN {print k / 1024}')" \
    "$(threads "$ne")" "$(cpu "$n0" "$n1")" | tee -a "$out/figures.txt"
  wait "$medic" || true
done <<<"$VARIANTS"
echo "footprint: figures in $out/figures.txt"
