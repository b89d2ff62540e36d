#!/usr/bin/env bash
# Medic reaction benchmark (method and figures: docs/benchmarks.md, "Reaction"; design: docs/reaction.md).
#
# TRIALS times: a fresh 1 GiB memory cgroup, armed by the running agent's next sweep, filled by bench/filler at
# RATE MB/s until the kernel kills it. One `medic run` (the shipped pack, whose cgroup-filling-fast acts on the
# crossing's out-of-turn sweep) watches all trials. Then, from its journal: in how many trials a plan named the
# filler and its identity and smaps_rollup were captured before the kill, and the distribution of
# crossing->decision and crossing->evidence times. Needs root and a memory cgroup hierarchy (v1 or v2).
#
# Environment: TRIALS (20) RATE (500) LIMIT_MB (1024) MEDIC_JAVA_OPTS BENCH_OUT (a new /tmp/medic-reaction.* dir)
set -euo pipefail
cd "$(dirname "$0")/.."
TRIALS=${TRIALS:-20}
RATE=${RATE:-500}
LIMIT_MB=${LIMIT_MB:-1024}
JAVA_OPTS=${MEDIC_JAVA_OPTS:--XX:+UseSerialGC}
out=${BENCH_OUT:-$(mktemp -d /tmp/medic-reaction.XXXXXX)}
mkdir -p "$out"
[[ $(id -u) == 0 ]] || { echo "reaction: needs root (memory cgroups)" >&2; exit 1; }
if [[ $(stat -fc %T /sys/fs/cgroup) == cgroup2fs ]]; then
  hier=/sys/fs/cgroup; limit_file=memory.max; version=2
else
  hier=/sys/fs/cgroup/memory; limit_file=memory.limit_in_bytes; version=1
fi
[[ -d $hier ]] || { echo "reaction: no memory cgroup hierarchy" >&2; exit 1; }
if [[ ! -f cli/target/medic.jar ]]; then
  mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package
fi
cp cli/target/medic.jar "$out/medic.jar"
gcc -O2 -o "$out/filler" bench/filler.c

cat > "$out/medic.yaml" <<YAML
mode: advise
interval: 1s
processInterval: 10s
runbooks: [$PWD/runbooks]
stateDir: $out/state
YAML

medic_pid=
cgroups=()
cleanup() {
  [[ -n $medic_pid ]] && kill "$medic_pid" 2>/dev/null && wait "$medic_pid" 2>/dev/null || true
  for cg in "${cgroups[@]}"; do rmdir "$cg" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java $JAVA_OPTS -Dmedic.oomScoreAdj=-900 -Dmedic.memoryBudgetMiB=80 -jar "$out/medic.jar" run --config "$out/medic.yaml" >"$out/medic.out" 2>&1 &
medic_pid=$!
for _ in $(seq 100); do grep -q '"event":"start"' "$out/state/journal.jsonl" 2>/dev/null && break; sleep 0.1; done
sleep 3 # the rules are compiled and the first sweeps are done

: >"$out/trials.tsv"
for trial in $(seq "$TRIALS"); do
  cg="$hier/medic-bench-$$-$trial"
  mkdir "$cg"; cgroups+=("$cg")
  echo $((LIMIT_MB << 20)) >"$cg/$limit_file"
  sleep 6 # the next sweep arms its notifier; cgroup-filling-fast's 5 s rate window is covered
  sh -c 'echo $$ > "$1/cgroup.procs" && exec "$2" "$3"' sh "$cg" "$out/filler" "$RATE" &
  filler=$!
  wait "$filler" && status=0 || status=$?
  printf '%s\t%s\t/%s\t%s\n' "$trial" "$filler" "$(basename "$cg")" "$status" >>"$out/trials.tsv"
  sleep 1
  rmdir "$cg" 2>/dev/null || true
done
sleep 2
kill "$medic_pid"; wait "$medic_pid" 2>/dev/null || true; medic_pid=

python3 - "$out/state/journal.jsonl" "$out/trials.tsv" "$version" "$RATE" "$LIMIT_MB" <<'PY'
import json, sys, os
journal, trials, version, rate, limit = sys.argv[1:6]
events = [json.loads(l) for l in open(journal) if l.strip().endswith('}')]
crossings = {e['scope']: e for e in events if e['event'] == 'crossing'}
plans = [e for e in events if e['event'] == 'plan']
ok = 0; dec = []; evi = []; rows = []
for line in open(trials):
    trial, pid, scope, status = line.split()
    c = crossings.get(scope)
    planned = any(p.get('pid') == int(pid) and p.get('scope') == 'cgroup ' + scope for p in plans)
    smaps = bool(c) and c.get('pid') == int(pid) and any(
        f.endswith('smaps_rollup.txt') and 'Rss:' in open(f).read() for f in c.get('evidence', []))
    good = planned and smaps and status == '137'
    ok += good
    if c and 'decisionMs' in c: dec.append(c['decisionMs'])
    if c and 'evidenceMs' in c: evi.append(c['evidenceMs'])
    rows.append((trial, pid, status, c.get('source') if c else '-', c.get('evidenceMs') if c else '-',
                 c.get('decisionMs') if c else '-', planned, smaps))
print('trial pid exit source evidenceMs decisionMs plan smaps')
for r in rows: print(*r)
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else None
n = len(rows)
print(f'cgroup v{version}, {rate} MB/s into {limit} MiB: plan + identity + smaps before the kill in {ok}/{n} trials')
for name, xs in (('crossing->decision', dec), ('crossing->evidence', evi)):
    print(f'{name} ms: n={len(xs)} p50={pct(xs, 50)} p95={pct(xs, 95)} max={max(xs) if xs else None}')
print('goal 19/20 and p95 decision <= 200 ms:',
      'PASS' if ok >= 0.95 * n and dec and pct(dec, 95) <= 200 else 'MISS')
PY
echo "reaction: journal and evidence in $out"
