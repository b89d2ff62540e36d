#!/usr/bin/env bash
# Medic probe benchmark (method and recorded figures: docs/benchmarks.md).
#
# Starts EXTRA sleeping processes of its own, then measures on this host, in one run and interleaved round by
# round: Medic's default sweep, Medic's sweep with PSS for every process, the C floor for each (the same files
# read with no parsing), `smem -c "pid uss pss"` and `ps aux --sort=-%mem`; then the CPU cost of sweeping once a
# second. Prints a table, the ratios and PASS/MISS per goal. Exits 0 even when a goal is missed.
#
# Environment: MEDIC_JAR (cli/target/medic.jar: another jar, e.g. an older build, to compare) EXTRA (1000) ROUNDS (10) PER_ROUND (5) POLL_SECONDS (30) MEDIC_JAVA_OPTS (the launcher's flags)
#              BENCH_OUT (a new /tmp/medic-bench.* directory) MEDIC_BENCH_NO_INSTALL=1 (never apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRA=${EXTRA:-1000}
ROUNDS=${ROUNDS:-10}
PER_ROUND=${PER_ROUND:-5}
POLL_SECONDS=${POLL_SECONDS:-30}
JAVA_OPTS=${MEDIC_JAVA_OPTS:--XX:+UseSerialGC} # as ./medic run runs the agent
out=${BENCH_OUT:-$(mktemp -d /tmp/medic-bench.XXXXXX)}
mkdir -p "$out"

# ---- tools: install what is missing when we may, else say what is missing ----
declare -A pkg=([gcc]=gcc [smem]=smem [ps]=procps [strace]=strace [python3]=python3 [javac]=openjdk-17-jdk-headless)
[[ -f cli/target/medic.jar ]] || pkg[mvn]=maven
missing=()
for tool in "${!pkg[@]}"; do command -v "$tool" >/dev/null 2>&1 || missing+=("${pkg[$tool]}"); done
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 && -z ${MEDIC_BENCH_NO_INSTALL:-} ]] && command -v apt-get >/dev/null; then
    echo "bench: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "bench: missing ${missing[*]}; install them (or run as root to let the script do it)" >&2
    exit 1
  fi
fi

# ---- build: the shaded jar (if missing), the Java bench main, the C floor ----
jar=${MEDIC_JAR:-cli/target/medic.jar}
if [[ ! -f $jar && -z ${MEDIC_JAR:-} ]]; then
  echo "bench: building cli/target/medic.jar"
  mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package
fi
cp "$jar" "$out/medic.jar" # a private copy: a concurrent build must not swap it mid-run
javac -d "$out/classes" -cp "$out/medic.jar" bench/src/dev/medic/bench/SweepBench.java
gcc -O2 -o "$out/floor" bench/floor.c
java_cmd=(java $JAVA_OPTS -cp "$out/medic.jar:$out/classes" dev.medic.bench.SweepBench)

# every process this script starts is killed by pid on the way out, whatever the outcome
sleepers=()
child=
cleanup() {
  [[ -n $child ]] && kill "$child" 2>/dev/null || true
  ((${#sleepers[@]})) && kill "${sleepers[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# runs a command in the background and waits for it, so that a signal reaches the trap at once
run() {
  "$@" &
  child=$!
  wait "$child"
  child=
}

# ---- polling cost at this host's own process count, before the extra processes ----
base_procs=$(ls /proc | grep -c '^[0-9]')
echo "bench: polling once a second with the host's own $base_procs processes:" \
  "${POLL_SECONDS}s default, ${POLL_SECONDS}s topN 0, ${POLL_SECONDS}s idle"
run "${java_cmd[@]}" poll "$POLL_SECONDS" >"$out/poll-base.txt" 2>"$out/poll-base.log"
sed 's/RESULT poll-/RESULT base-poll-/' "$out/poll-base.txt" | tee "$out/results-base.txt"

# ---- EXTRA sleeping processes, all ours, all killed on the way out ----
for ((i = 0; i < EXTRA; i++)); do
  sleep 900 &
  sleepers+=($!)
done
sleep 1

# ---- which files one default sweep reads: strace it, then write the floor's spec from the trace ----
spec=$out/floor.spec
run strace -f -qq -o "$out/sweep.strace" -e trace=%file "${java_cmd[@]}" trace >/dev/null 2>"$out/trace.log"
python3 - "$out/sweep.strace" "$spec" <<'PY'
import collections, os, re, sys
lines = open(sys.argv[1], errors="replace").read().splitlines()
try:
    begin = next(i for i, l in enumerate(lines) if "/medic-bench-trace-begin" in l)
    end = next(i for i, l in enumerate(lines) if "/medic-bench-trace-end" in l)
except StopIteration:
    sys.exit("bench: the strace of the sweep has no begin/end markers")
per_pid = collections.defaultdict(set); glob = {}
for l in lines[begin + 1:end]:
    m = re.search(r'(openat|statx|newfstatat|stat)\(AT_FDCWD, "([^"]+)"', l)
    if not m or not m.group(2).startswith(("/proc/", "/sys/")):
        continue
    # Java opens directories without O_DIRECTORY (open + fdopendir): ask the filesystem instead; a stat (Medic's
    # fd count on Linux 6.2+, cgroup files checked for existence) is timed as a stat
    path, how = m.group(2), "stat" if m.group(1) != "openat" else "dir" if os.path.isdir(m.group(2)) else "file"
    p = re.match(r"/proc/(\d+)/(.+)", path)
    if p:
        how = how if how == "stat" else "dir" if os.path.isdir("/proc/self/" + p.group(2)) else "file"
        per_pid[(p.group(2), how)].add(p.group(1))
    elif path != "/proc":
        glob[(path, how)] = True
with open(sys.argv[2], "w") as f:
    f.write("# from an strace of one Medic default sweep: per-pid file, number of pids it was read for\n")
    for (name, how), pids in sorted(per_pid.items()):
        kind = {"file": "P", "dir": "PD", "stat": "PS"}[how] if len(pids) > 20 else "T"
        if kind == "T" and how != "file":
            continue  # a stat or listing of a few pids (a vanished process checked): noise, not the sweep's work
        f.write(f"{kind} {name}\n# {name}: {len(pids)} pids\n")
    for path, how in sorted(glob):
        f.write(f"{ {'file': 'G', 'dir': 'GD', 'stat': 'GS'}[how]} {path}\n")
PY
echo "bench: floor spec from the trace of one sweep:"
grep -v '^#' "$spec" | awk '{print $1}' | sort | uniq -c | awk '{printf "  %s %s", $2, $1} END {print ""}'
grep -E '^(P|PD|T) ' "$spec" | awk '{printf "  %s:%s", $1, $2} END {print ""}'

# ---- measure: interleaved rounds, then polling CPU ----
nproc_=$(nproc)
procs=$(ls /proc | grep -c '^[0-9]')
echo "bench: $(date -u +%FT%TZ) $(uname -sr), $nproc_ CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' \
  /proc/meminfo), $procs processes ($EXTRA of them our sleepers), $(java -version 2>&1 | head -1)"
echo "bench: java flags: $JAVA_OPTS; $ROUNDS rounds x $PER_ROUND sweeps/passes, 1 smem and 1 ps per round"
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# smaps_rollup walks page tables: the top 10 by RSS set most of the default sweep's cost, so name them
echo "bench: top 10 RSS: $(ps -eo rss=,comm= --sort=-rss | head -10 | awk '{s += $1; printf "%s %.0fM, ", $2, $1/1024}
  END {printf "total %.1f GiB", s/1048576}')"
printf 'P status\nT smaps_rollup\n' >"$out/floor-pss-only.spec" # smem's table: PSS and USS of every process
# what a sweep with empty caches reads on top: cmdline of every process, limits of every chosen one
{ grep -v -E '^(P cmdline|T limits)$' "$spec"; printf 'P cmdline\nT limits\n'; } >"$out/floor-cold.spec"
run "${java_cmd[@]}" rounds "$out/floor" "$spec" "$out/floor-pss-only.spec" "$out/floor-cold.spec" "$ROUNDS" \
  "$PER_ROUND" \
  >"$out/results.txt" 2>"$out/rounds.log"
cat "$out/results.txt"
# what each per-pid file costs the kernel alone, a pass over every pid per file kind (docs/benchmarks.md's table)
echo "bench: per-file cost, one pass per kind over every pid (median of 15):"
"$out/floor" kinds 15 stat status cgroup oom_score oom_score_adj stat:fd fd/ cmdline limits smaps_rollup smaps |
  tee "$out/kinds.txt"
echo "bench: polling once a second: ${POLL_SECONDS}s default, ${POLL_SECONDS}s topN 0, ${POLL_SECONDS}s idle"
run "${java_cmd[@]}" poll "$POLL_SECONDS" >"$out/poll.txt" 2>>"$out/rounds.log"
tee -a "$out/results.txt" <"$out/poll.txt"
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$out/results-base.txt" >>"$out/results.txt"

# ---- table, ratios, goals ----
python3 - "$out/results.txt" "$base_procs" "$procs" <<'PY'
import sys
r = {}
for line in open(sys.argv[1]):
    f = line.split()
    if f and f[0] == "RESULT":
        r[f[1]] = (float(f[2]), float(f[3]), int(f[4]))
print()
print(f"{'measurement (ms)':<34}{'wall median':>12}{'wall p90':>10}{'CPU median':>12}{'n':>5}")
for k, label in [("medic-default", "Medic default sweep"), ("medic-pss-all", "Medic PSS-for-all sweep"),
                 ("medic-pss-all-2r", "Medic PSS-for-all, 2 readers"),
                 ("medic-pss-all-cold", "Medic PSS-for-all, cold caches"),
                 ("floor-default", "C floor, default sweep's files"), ("floor-pss-all", "C floor, + smaps_rollup all"),
                 ("floor-pss-all-cold", "C floor, + cmdline, limits all"),
                 ("floor-pss-only", "C floor, status + smaps_rollup"),
                 ("smem", "smem -c 'pid uss pss'"), ("ps", "ps aux --sort=-%mem")]:
    w, c = r[k], r[k + "-cpu"]
    print(f"{label:<34}{w[0]:>12.2f}{w[1]:>10.2f}{c[0]:>12.2f}{w[2]:>5}")
print()
print(f"{'JVM CPU, % of one core':<34}{'sweep 1/s':>12}{'topN 0, 1/s':>12}{'idle':>8}{'s':>5}")
for tag, label in [("base-", f"with {sys.argv[2]} processes"), ("", f"with {sys.argv[3]} processes")]:
    poll, top0, idle = (r[tag + "poll-" + k + "-cpu-percent"] for k in ("polling", "polling-top0", "idle"))
    print(f"{label:<34}{poll[0]:>11.2f}%{top0[0]:>11.2f}%{idle[0]:>7.2f}%{poll[2]:>5}")
print()
def ratio(a, b, cpu=False):
    s = "-cpu" if cpu else ""
    return r[a + s][0] / r[b + s][0]
goals = [
    ("smem / Medic PSS-for-all >= 10x", "smem", "medic-pss-all", lambda x: x >= 10),
    ("Medic default / its floor <= 2x", "medic-default", "floor-default", lambda x: x <= 2),
    ("smem / Medic PSS-for-all, 2 readers", "smem", "medic-pss-all-2r", None),
    ("smem / Medic PSS-for-all, cold", "smem", "medic-pss-all-cold", None),
    ("Medic PSS-for-all / its floor", "medic-pss-all", "floor-pss-all", None),
    ("Medic PSS-all cold / its floor", "medic-pss-all-cold", "floor-pss-all-cold", None),
    ("ps / Medic default", "ps", "medic-default", None),
    ("smem / C floor PSS-for-all (ceiling)", "smem", "floor-pss-all", None),
    ("smem / C floor smem's table alone", "smem", "floor-pss-only", None),
]
print(f"{'ratio (medians)':<36}{'wall':>8}{'CPU':>8}  goal (on wall)")
for name, a, b, ok in goals:
    w, c = ratio(a, b), ratio(a, b, True)
    verdict = "info" if ok is None else ("PASS" if ok(w) else "MISS")
    print(f"{name:<36}{w:>7.2f}x{c:>7.2f}x  {verdict}")
for tag, label in [("", sys.argv[3]), ("base-", sys.argv[2])]:
    for phase, how in [("polling", "full sweep"), ("polling-tiered", "shipped tiered")]:
        key = tag + "poll-" + phase + "-cpu-percent"
        if key not in r:
            continue
        poll = r[key][0]
        verdict = "PASS" if poll < 1 else "MISS"
        print(f"{'polling 1/s < 1%, ' + how + ', ' + label:<36}{poll:>7.2f}%{'':>8}  {verdict}")
PY
echo "bench: raw figures and logs in $out"
