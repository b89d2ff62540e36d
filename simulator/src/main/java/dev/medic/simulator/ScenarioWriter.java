package dev.medic.simulator;

import static dev.medic.simulator.SyntheticHost.GIB;
import static dev.medic.simulator.SyntheticHost.MIB;

import dev.medic.simulator.SyntheticHost.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the synthetic recordings the shipped runbook pack is tested on ({@code runbooks/tests/recordings/}). Each
 * scenario is one incident (or one harmless look-alike) on the same small host: 16 GiB, 4 GiB of swap, systemd,
 * sshd, PostgreSQL, a Java shop service with {@code MemoryMax=4G} and nginx, plus what the scenario adds. Everything
 * is a pure function of the sweep number, so the files are byte for byte the same on every run; a test regenerates
 * them and compares, so they cannot drift from this code.
 *
 * <p>Run {@code main} from the repository root to rewrite them (or pass the folder).
 */
public final class ScenarioWriter {

  /** 2026-01-01T00:00:00Z: the first sweep of every recording. */
  public static final long STARTED_AT = 1_767_225_600_000L;
  static final int MEDIC_PID = 4242;
  static final long TOTAL = 16 * GIB;
  static final long SWAP = 4 * GIB;
  static final long DAY = 86_400_000L;

  static final Proc SYSTEMD = new Proc(1, 0, "systemd", "/sbin/init", 0, "/init.scope", 0, 1, STARTED_AT - 40 * DAY);
  static final Proc SSHD = new Proc(640, 1, "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", 0,
      "/system.slice/ssh.service", -1000, 1, STARTED_AT - 40 * DAY);
  static final Proc POSTGRES = new Proc(880, 1, "postgres",
      "/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main", 113,
      "/system.slice/system-postgresql.slice/postgresql@16-main.service", 0, 1, STARTED_AT - 40 * DAY);
  static final Proc SHOP = new Proc(1210, 1, "java", "/usr/bin/java -Xms1g -Xmx3g -jar /opt/shop/shop.jar", 1001,
      "/system.slice/shop.service", 0, 64, STARTED_AT - 6 * DAY);
  static final Proc NGINX = new Proc(1530, 1, "nginx", "nginx: master process /usr/sbin/nginx", 0,
      "/system.slice/nginx.service", 0, 1, STARTED_AT - 40 * DAY);
  static final String SHOP_CGROUP = "/system.slice/shop.service";

  /**
   * One recording.
   *
   * @param name the file name without {@code .jsonl}
   * @param about one line on what happens, for people reading the test files
   * @param sweep builds sweep {@code i} (0-based) into the host
   */
  public record Scenario(String name, String about, long intervalMs, int sweeps, Sweep sweep) {

    long ts(int i) {
      return STARTED_AT + i * intervalMs;
    }
  }

  /** Builds one sweep. */
  @FunctionalInterface
  public interface Sweep {
    void build(int i, SyntheticHost host);
  }

  private ScenarioWriter() {}

  /** Every scenario, in file-name order. */
  public static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>(List.of(
        cgroupFull(), cgroupSpike(), cgroupFilling(), hostLowMemory(), pageCacheThrash(), swapStorm(), swapDrain(), cgroupOom(),
        globalOom(), oomNoCulprit(), oomProtectedDb(), edacUncorrectable(), edacCorrectable(), leak(),
        jvmSawtooth(), serviceRestarts(), unlimitedHog(), fdExhaustion()));
    all.addAll(NetScenarios.all());
    all.sort(java.util.Comparator.comparing(Scenario::name));
    return all;
  }

  /** Writes every scenario into {@code dir} as {@code <name>.jsonl}; returns the files in order. */
  public static List<Path> writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (Scenario s : all()) {
      out.add(write(s, dir));
    }
    return out;
  }

  /** Writes one scenario as {@code dir/<name>.jsonl}. */
  public static Path write(Scenario s, Path dir) throws IOException {
    Path file = dir.resolve(s.name() + ".jsonl");
    RecordingHeader header = new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, "shop-db-1",
        "6.8.0-51-generic", STARTED_AT, s.intervalMs(), MEDIC_PID);
    try (RecordingWriter w = RecordingWriter.create(file, header)) {
      for (int i = 0; i < s.sweeps(); i++) {
        SyntheticHost host = new SyntheticHost(s.ts(i), TOTAL);
        s.sweep().build(i, host);
        w.write(host.facts());
      }
    }
    return file;
  }

  /** {@code ScenarioWriter [DIR]}: rewrites the recordings (default {@code runbooks/tests/recordings}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "runbooks/tests/recordings");
    for (Path p : writeAll(dir)) {
      System.out.printf("%s  %,d bytes%n", p, Files.size(p));
    }
  }

  // ---- the host every scenario starts from ----

  /**
   * The quiet host: 45% of memory available, no swapping, no stalls, three corrected EDAC errors from long ago, the
   * shop service at 2.4 GiB of its 4 GiB limit. No shipped runbook fires on it.
   */
  static void baseline(int i, SyntheticHost h, long available) {
    baselineSystem(i, h, available, 0, 1.2, 0, 40, 0, 0);
    h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
    baselineProcesses(h);
  }

  static void baselineSystem(int i, SyntheticHost h, long available, long swapUsed, double someAvg10,
      double fullAvg10, double pgscan, double swapIn, double swapOut) {
    boolean first = i == 0;
    h.memory(available, SWAP, swapUsed)
        .pressure(someAvg10, fullAvg10, first)
        .vmstat(first, pgscan, swapIn, swapOut, 2 + swapIn / 4, 0)
        .edac("mc0", 3, 0, first ? null : 0L, first ? null : 0L);
  }

  static void baselineProcesses(SyntheticHost h) {
    h.process(SYSTEMD, 12 * MIB, null, null, 94)
        .process(SSHD, 8 * MIB, null, null, 6)
        .process(POSTGRES, 1126 * MIB, 620 * MIB, 210 * MIB, 48)
        .process(SHOP, 2400 * MIB, 2350 * MIB, 2300 * MIB, 310)
        .process(NGINX, 14 * MIB, null, null, 22);
  }

  private static Scenario scenario(String name, String about, int intervalSeconds, int sweeps, Sweep sweep) {
    return new Scenario(name, about, intervalSeconds * 1000L, sweeps, sweep);
  }

  /** A ramp from {@code from} to {@code to} over sweeps {@code start..end}, flat outside. */
  static long ramp(int i, int start, int end, long from, long to) {
    if (i <= start) {
      return from;
    }
    if (i >= end) {
      return to;
    }
    return from + (to - from) * (i - start) / (end - start);
  }

  // ---- memory-hog, host-memory-pressure ----

  static final String API_CGROUP =
      "/system.slice/docker-7f3a9c1e22b4d0a8e6b1c9f0d2e4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0.scope";
  static final Proc API = new Proc(2301, 2290, "node", "node /srv/api/server.js", 1000, API_CGROUP, 0, 11,
      STARTED_AT - 2 * DAY);
  static final Proc API_SIDECAR = new Proc(2344, 2290, "envoy", "envoy -c /etc/envoy/envoy.yaml", 1000, API_CGROUP,
      0, 8, STARTED_AT - 2 * DAY);
  static final long API_LIMIT = 2 * GIB;

  /** The API container with its sidecar, at {@code percent} of its 2 GiB limit. */
  static void apiContainer(int i, SyntheticHost h, double percent) {
    long usage = (long) (API_LIMIT * percent / 100);
    long sidecar = 96 * MIB;
    long node = usage - sidecar - 40 * MIB;
    h.cgroup(API_CGROUP, usage, API_LIMIT, 0, i == 0 ? null : 0L);
    h.process(API, node, node - 12 * MIB, node - 30 * MIB, 180).process(API_SIDECAR, sidecar, 88 * MIB, 80 * MIB, 64);
  }

  static Scenario cgroupFull() {
    return scenario("cgroup-full", "the API container climbs to 95% of its 2 GiB limit at 20s and stays there", 10,
        19, (i, h) -> {
          baselineSystem(i, h, 6 * GIB, 0, 1.5, 0, 60, 0, 0);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          apiContainer(i, h, i == 0 ? 80 : i == 1 ? 88 : 95);
          baselineProcesses(h);
        });
  }

  static Scenario cgroupSpike() {
    return scenario("cgroup-spike", "the API container spikes to 96% for 20s (a burst of uploads), then settles at 60%",
        10, 13, (i, h) -> {
          baselineSystem(i, h, 6 * GIB, 0, 1.5, 0, 60, 0, 0);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          apiContainer(i, h, i >= 4 && i <= 6 ? 96 : 60);
          baselineProcesses(h);
        });
  }

  /**
   * The fast path's scenario, swept every second: the API container sits at 40% of its 2 GiB limit, then fills at
   * about 290 MiB/s from 8s to 12s (97%), where it stays for 8 seconds (a process the kernel has not killed yet).
   */
  static Scenario cgroupFilling() {
    return scenario("cgroup-filling", "the API container fills from 40% to 97% of its 2 GiB limit in 4 seconds",
        1, 20, (i, h) -> {
          baselineSystem(i, h, 6 * GIB, 0, 1.5, 0, 60, 0, 0);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          apiContainer(i, h, i <= 8 ? 40 : i >= 12 ? 97 : 40 + (97 - 40) * (i - 8) / 4.0);
          baselineProcesses(h);
        });
  }

  static final Proc ETL = new Proc(3050, 3011, "python3", "/usr/bin/python3 /opt/etl/nightly.py --full", 1001,
      "/user.slice/user-1001.slice/session-12.scope", 0, 4, STARTED_AT - 3_600_000L);

  static Scenario hostLowMemory() {
    return scenario("host-low-memory", "a hand-started ETL job eats the host: 6% available from 20s, memory stalls "
        + "from 30s", 10, 19, (i, h) -> {
          long etl = ramp(i, 0, 2, 4 * GIB, 9 * GIB + 512 * MIB);
          long available = ramp(i, 0, 2, 6 * GIB, 983 * MIB);
          double some = i < 3 ? 4 : 34;
          baselineSystem(i, h, available, 300 * MIB, some, some / 3, 2400, 15, 40);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          baselineProcesses(h);
          h.process(ETL, etl, etl - 20 * MIB, etl - 24 * MIB, 12);
        });
  }

  static Scenario pageCacheThrash() {
    return scenario("page-cache-thrash", "18% available but the working set does not fit the page cache: memory "
        + "stalls of 30% from 20s, heavy reclaim, no swapping", 10, 19, (i, h) -> {
          double some = i < 2 ? 3 : 31;
          baselineSystem(i, h, 2949 * MIB, 0, some, i < 2 ? 0 : 12, i < 2 ? 80 : 52_000, 0, 0);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          baselineProcesses(h);
        });
  }

  // ---- swap-storm ----

  static Scenario swapStorm() {
    return scenario("swap-storm", "pages go out and come back in at once from 10s: 900 in and 1400 out per second, "
        + "tasks stalled 28% of the time", 10, 19, (i, h) -> {
          boolean storm = i >= 1;
          baselineSystem(i, h, 1400 * MIB, ramp(i, 0, 18, 1 * GIB, 3 * GIB), storm ? 45 : 6, storm ? 28 : 1,
              storm ? 30_000 : 500, storm ? 900 : 4, storm ? 1400 : 10);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          baselineProcesses(h);
        });
  }

  static Scenario swapDrain() {
    return scenario("swap-drain", "idle pages are pushed out to swap (600 a second) while almost nothing comes "
        + "back: swap doing its job, not a storm", 10, 19, (i, h) -> {
          baselineSystem(i, h, 2 * GIB, ramp(i, 0, 18, 200 * MIB, 1200 * MIB), 3, 0.5, 4000, 3, 600);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          baselineProcesses(h);
        });
  }

  // ---- OOM kills ----

  static final String WORKER_CGROUP = "/system.slice/worker.service";
  static final Proc CELERY = new Proc(2600, 1, "celery", "/usr/bin/python3 -m celery -A tasks worker --concurrency 1",
      998, WORKER_CGROUP, 0, 3, STARTED_AT - DAY);
  static final Proc CELERY_CHILD = new Proc(2611, 2600, "celery", "/usr/bin/python3 -m celery -A tasks worker "
      + "--concurrency 1", 998, WORKER_CGROUP, 0, 2, STARTED_AT - 3_600_000L);

  static Scenario cgroupOom() {
    // the worker's child fills the 1 GiB cgroup and is killed at 90s; its replacement is killed again at 240s
    return scenario("cgroup-oom", "the worker service's 1 GiB cgroup: its task process is OOM-killed at 90s, the "
        + "replacement again at 240s", 10, 31, (i, h) -> {
          int kill1 = 9;
          int kill2 = 24;
          baseline(i, h, 6 * GIB);
          long parent = 92 * MIB;
          Proc child = i < kill1 ? CELERY_CHILD
              : CELERY_CHILD.withPid(2655, STARTED_AT + (kill1 + 1) * 10_000L);
          long childRss = i < kill1 ? ramp(i, 0, kill1 - 1, 700 * MIB, 930 * MIB)
              : i == kill1 ? 0 : i < kill2 ? ramp(i, kill1, kill2 - 1, 150 * MIB, 930 * MIB) : 0;
          long oomKills = i < kill1 ? 0 : i < kill2 ? 1 : 2;
          long newKills = i == kill1 || i == kill2 ? 1 : 0;
          h.cgroup(WORKER_CGROUP, parent + childRss + 4 * MIB, 1 * GIB, oomKills, i == 0 ? null : newKills);
          h.process(CELERY, parent, 80 * MIB, 70 * MIB, 14);
          if (childRss > 0) {
            h.process(child, childRss, childRss - 8 * MIB, childRss - 10 * MIB, 9);
          }
          if (i == kill1) {
            h.oomKill(CELERY_CHILD, 928 * MIB, "celery", WORKER_CGROUP);
          }
          if (i == kill2) {
            h.oomKill(child, 929 * MIB, "celery", WORKER_CGROUP);
          }
        });
  }

  static Scenario globalOom() {
    return scenario("global-oom", "the ETL job runs the host out of memory and the kernel kills it at 80s; "
        + "PostgreSQL (oom_score_adj 0) survives this time", 10, 19, (i, h) -> {
          int kill = 8;
          long etl = i < kill ? ramp(i, 0, kill - 1, 8 * GIB, 11 * GIB + 700 * MIB) : 0;
          long available = i < kill ? ramp(i, 0, kill - 1, 2 * GIB, 200 * MIB) : 9 * GIB;
          boolean first = i == 0;
          double some = i < kill ? 20 + 5 * i : 6;
          h.memory(available, SWAP, i < kill ? ramp(i, 0, kill - 1, 1 * GIB, 4 * GIB - 50 * MIB) : 2 * GIB)
              .pressure(some, some / 2, first)
              .vmstat(first, 40_000, 200, 800, 300, i == kill ? 1 : 0)
              .edac("mc0", 3, 0, first ? null : 0L, first ? null : 0L);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, first ? null : 0L);
          baselineProcesses(h);
          if (etl > 0) {
            h.process(ETL, etl, etl - 20 * MIB, etl - 24 * MIB, 12);
          }
          if (i == kill) {
            h.oomKill(ETL, 11 * GIB + 690 * MIB, "postgres", null);
          }
        });
  }

  static final Proc PHP = new Proc(2710, 2700, "php-fpm8.2", "php-fpm: pool www", 33,
      "/system.slice/php8.2-fpm.service", 0, 1, STARTED_AT - DAY);
  static final Proc NGINX_WORKER = new Proc(1540, 1530, "nginx", "nginx: worker process", 33,
      "/system.slice/nginx.service", 0, 1, STARTED_AT - 40 * DAY);

  /**
   * Memory vanishes with no process to show for it (a kernel slab leak, or failing RAM): processes hold under 2 GiB
   * all told, yet available memory sinks and the kernel kills two small processes 12 minutes apart.
   */
  static Scenario oomNoCulprit() {
    return scenario("oom-no-culprit", "no process holds more than 500 MiB, yet the host runs out: the OOM killer "
        + "takes an nginx worker at 5m and a php-fpm worker at 17m", 30, 41, (i, h) -> {
          int kill1 = 10;
          int kill2 = 34;
          boolean first = i == 0;
          long available = i == kill1 || i == kill2 ? 90 * MIB : ramp(i, 0, 40, 3 * GIB, 400 * MIB);
          h.memory(available, SWAP, ramp(i, 0, 40, 2 * GIB, 4 * GIB - 100 * MIB))
              .pressure(i == kill1 || i == kill2 ? 60 : 8, i == kill1 || i == kill2 ? 30 : 1, first)
              .vmstat(first, 9000, 60, 140, 90, i == kill1 || i == kill2 ? 1 : 0)
              .edac("mc0", 3, 0, first ? null : 0L, first ? null : 0L);
          h.process(SYSTEMD, 12 * MIB, null, null, 94)
              .process(SSHD, 8 * MIB, null, null, 6)
              .process(POSTGRES, 480 * MIB, 300 * MIB, 90 * MIB, 40)
              .process(NGINX, 14 * MIB, null, null, 22);
          if (i < kill1) {
            h.process(NGINX_WORKER, 150 * MIB, 120 * MIB, 110 * MIB, 900);
          }
          if (i < kill2) {
            h.process(PHP, 210 * MIB, 190 * MIB, 170 * MIB, 30);
          }
          if (i == kill1) {
            h.oomKill(NGINX_WORKER, 148 * MIB, "nginx", null);
          }
          if (i == kill2) {
            h.oomKill(PHP, 205 * MIB, "php-fpm8.2", null);
          }
        });
  }

  /**
   * A PostgreSQL already protected with oom_score_adj -900 swells to 9 GiB (a runaway query's work memory); the
   * kernel spares it as told and kills two small processes instead. The culprit is plain to see.
   */
  static Scenario oomProtectedDb() {
    return scenario("oom-protected-db", "PostgreSQL, protected at oom_score_adj -900, swells to 9 GiB; the kernel "
        + "kills php-fpm at 4m and an nginx worker at 10m instead", 30, 25, (i, h) -> {
          int kill1 = 8;
          int kill2 = 20;
          boolean first = i == 0;
          boolean killing = i == kill1 || i == kill2;
          long db = ramp(i, 0, 8, 1126 * MIB, 9 * GIB);
          h.memory(killing ? 80 * MIB : ramp(i, 0, 8, 5 * GIB, 300 * MIB), SWAP, ramp(i, 0, 8, 0, 4 * GIB - 80 * MIB))
              .pressure(killing ? 70 : 5 + 2 * Math.min(i, 8), killing ? 40 : Math.min(i, 8), first)
              .vmstat(first, 30_000, 400, 900, 500, killing ? 1 : 0)
              .edac("mc0", 3, 0, first ? null : 0L, first ? null : 0L);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, first ? null : 0L);
          Proc postgres = POSTGRES.withOomScoreAdj(-900);
          h.process(SYSTEMD, 12 * MIB, null, null, 94)
              .process(SSHD, 8 * MIB, null, null, 6)
              .process(postgres, db, db - 400 * MIB, db - 900 * MIB, 48)
              .process(SHOP, 2400 * MIB, 2350 * MIB, 2300 * MIB, 310)
              .process(NGINX, 14 * MIB, null, null, 22);
          if (i < kill2) {
            h.process(NGINX_WORKER, 150 * MIB, 120 * MIB, 110 * MIB, 900);
          }
          if (i < kill1) {
            h.process(PHP, 210 * MIB, 190 * MIB, 170 * MIB, 30);
          }
          if (i == kill1) {
            h.oomKill(PHP, 205 * MIB, "postgres", null);
          }
          if (i == kill2) {
            h.oomKill(NGINX_WORKER, 148 * MIB, "postgres", null);
          }
        });
  }

  // ---- hardware-suspicion ----

  static Scenario edacUncorrectable() {
    return scenario("edac-uncorrectable", "memory controller mc0 reports an uncorrectable error at 3m", 30, 11,
        (i, h) -> {
          boolean first = i == 0;
          int error = 6;
          h.memory(7 * GIB, SWAP, 0).pressure(1.2, 0, first).vmstat(first, 40, 0, 0, 2, 0)
              .edac("mc0", 3, i < error ? 0 : 1, first ? null : 0L, first ? null : i == error ? 1L : 0L);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, first ? null : 0L);
          baselineProcesses(h);
        });
  }

  static Scenario edacCorrectable() {
    return scenario("edac-correctable", "mc1 corrects single-bit errors at 5m, 19m and 33m: a DIMM starting to "
        + "fail", 60, 46, (i, h) -> {
          boolean first = i == 0;
          long ce = i < 5 ? 0 : i < 19 ? 1 : i < 33 ? 2 : 3;
          Long newCe = first ? null : i == 5 || i == 19 || i == 33 ? 1L : 0L;
          h.memory(7 * GIB, SWAP, 0).pressure(1.2, 0, first).vmstat(first, 40, 0, 0, 2, 0)
              .edac("mc0", 3, 0, first ? null : 0L, first ? null : 0L)
              .edac("mc1", ce, 0, newCe, first ? null : 0L);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, first ? null : 0L);
          baselineProcesses(h);
        });
  }

  // ---- leak-suspect, service-keeps-growing ----

  static final Proc INGEST = new Proc(3100, 1, "python3", "/usr/bin/python3 /opt/ingest/worker.py", 997,
      "/system.slice/ingest.service", 0, 6, STARTED_AT - 3_600_000L);

  static Scenario leak() {
    return scenario("leak", "the ingest worker grows 30 MiB a minute, steadily, from 300 MiB", 30, 51, (i, h) -> {
      baseline(i, h, 6 * GIB);
      long rss = 300 * MIB + i * 15 * MIB;
      h.process(INGEST, rss, rss - 10 * MIB, rss - 12 * MIB, 25);
    });
  }

  static final Proc BILLING = new Proc(3400, 1, "java", "/usr/bin/java -Xmx2g -jar /opt/billing/billing.jar", 1002,
      "/system.slice/billing.service", 0, 48, STARTED_AT - DAY);
  static final Proc INDEXER = new Proc(3480, 1, "indexer", "/opt/search/bin/indexer --preload", 1003,
      "/system.slice/indexer.service", 0, 8, STARTED_AT - 60_000L);

  /**
   * Memory that moves but does not keep growing: the billing JVM's heap fills and is collected every 4 minutes (1.6
   * to 2.0 GiB), and a search indexer, started a minute before the recording, loads its index (1.0 to 2.2 GiB) in
   * the first 5 minutes and then stays flat. Its 10- and 15-minute slopes stay steep long after it levelled off.
   */
  static Scenario jvmSawtooth() {
    return scenario("jvm-sawtooth", "a JVM heap breathing between 1.6 and 2.0 GiB every 4 minutes, and an indexer "
        + "that loads 1.2 GiB in its first 5 minutes and levels off: no leak", 30, 51, (i, h) -> {
          baseline(i, h, 3 * GIB);
          int phase = i % 8;
          long heap = 1600 * MIB + phase * 400 * MIB / 7;
          h.process(BILLING, heap, heap - 30 * MIB, heap - 40 * MIB, 140);
          long index = ramp(i, 0, 10, 1 * GIB, 2253 * MIB);
          h.process(INDEXER, index, index - 5 * MIB, index - 6 * MIB, 60);
        });
  }

  /**
   * The shop service grows 60 MiB a minute after a bad deploy and is restarted each time it is caught (a new pid,
   * back to 1.2 GiB) — three times within the hour.
   */
  static Scenario serviceRestarts() {
    return scenario("service-restarts", "the shop service grows 60 MiB a minute from 1.2 GiB; each time it is "
        + "restarted (new pid at 11m and 22m) it grows again", 60, 36, (i, h) -> {
          int generation = i <= 10 ? 0 : i <= 21 ? 1 : 2;
          int born = generation == 0 ? 0 : generation == 1 ? 11 : 22;
          Proc shop = generation == 0 ? SHOP.withPid(SHOP.pid(), STARTED_AT)
              : SHOP.withPid(generation == 1 ? 4410 : 4533, STARTED_AT + born * 60_000L);
          long rss = 1200 * MIB + (i - born) * 60 * MIB;
          baselineSystem(i, h, 8 * GIB - rss, 0, 1.2, 0, 40, 0, 0);
          h.cgroup(SHOP_CGROUP, rss + 60 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          h.process(SYSTEMD, 12 * MIB, null, null, 94)
              .process(SSHD, 8 * MIB, null, null, 6)
              .process(POSTGRES, 1126 * MIB, 620 * MIB, 210 * MIB, 48)
              .process(NGINX, 14 * MIB, null, null, 22)
              .process(shop, rss, rss - 50 * MIB, rss - 100 * MIB, 300);
        });
  }

  // ---- limits-misconfigured ----

  static final Proc REPORT = new Proc(3700, 3688, "java", "/usr/bin/java -jar /home/ana/report.jar --year 2025", 1000,
      "/user.slice/user-1000.slice/session-4.scope", 0, 40, STARTED_AT - 600_000L);

  static final Proc BACKUP = new Proc(3900, 1, "restic", "/usr/bin/restic backup /var/lib/postgresql", 0,
      "/system.slice/backup.service", 0, 12, STARTED_AT - 120_000L);

  /**
   * A 3.1 GiB report job started by hand in a login session, where no limit applies. Beside it, two big processes
   * that are limited: the shop service (2.4 GiB under MemoryMax=4G) and a 2.6 GiB backup under MemoryMax=3G, which
   * finishes at 6m (its cgroup goes with it).
   */
  static Scenario unlimitedHog() {
    return scenario("unlimited-hog", "a 3.1 GiB report job in a login session, with no memory limit; a limited "
        + "2.4 GiB service, and a limited 2.6 GiB backup that ends at 6m", 30, 21, (i, h) -> {
          boolean backup = i < 12;
          baselineSystem(i, h, 3 * GIB, 0, 1.2, 0, 40, 0, 0);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          if (backup) {
            h.cgroup(BACKUP.cgroup(), 2700 * MIB, 3 * GIB, 0, i == 0 ? null : 0L);
          }
          baselineProcesses(h);
          h.process(REPORT, 3174 * MIB, 3100 * MIB, 3050 * MIB, 40);
          if (backup) {
            h.process(BACKUP, 2662 * MIB, 2600 * MIB, 2580 * MIB, 210);
          }
        });
  }

  static final Proc API_SERVICE = new Proc(2301, 1, "node", "node /srv/api/server.js", 1000,
      "/system.slice/api.service", 0, 11, STARTED_AT - DAY);

  static Scenario fdExhaustion() {
    return scenario("fd-exhaustion", "the API service runs with the default soft limit of 1024 open files and "
        + "climbs past 900 at 4m; the shop service holds 950 files under a limit of 65536", 30, 17, (i, h) -> {
          baselineSystem(i, h, 6 * GIB, 0, 1.2, 0, 40, 0, 0);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          int fds = (int) ramp(i, 0, 16, 620, 1012);
          h.process(SYSTEMD, 12 * MIB, null, null, 94)
              .process(SSHD, 8 * MIB, null, null, 6)
              .process(POSTGRES, 1126 * MIB, 620 * MIB, 210 * MIB, 48)
              .process(SHOP, 2400 * MIB, 2350 * MIB, 2300 * MIB, 950)
              .process(NGINX, 14 * MIB, null, null, 22)
              .process(API_SERVICE, 310 * MIB, 290 * MIB, 280 * MIB, fds);
          h.limits(POSTGRES, 1024, 524_288).limits(SHOP, 65_536, 524_288).limits(API_SERVICE, 1024, 524_288);
        });
  }
}
