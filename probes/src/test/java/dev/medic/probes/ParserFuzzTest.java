package dev.medic.probes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.medic.probes.FuzzKit.value;

import dev.medic.probes.FuzzKit.Applied;
import dev.medic.probes.FuzzKit.Kind;
import dev.medic.probes.cgroup.CgroupMemoryReader;
import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.etc.ResolvConfReader;
import dev.medic.probes.kmsg.KmsgRecord;
import dev.medic.probes.netns.NetNamespace;
import dev.medic.probes.proc.FileNrReader;
import dev.medic.probes.proc.LimitsReader;
import dev.medic.probes.proc.MeminfoReader;
import dev.medic.probes.proc.PressureReader;
import dev.medic.probes.proc.ProcessReader;
import dev.medic.probes.proc.SwapsReader;
import dev.medic.probes.proc.VmSettingsReader;
import dev.medic.probes.proc.VmstatReader;
import dev.medic.probes.proc.net.ConntrackReader;
import dev.medic.probes.proc.net.ListenersReader;
import dev.medic.probes.proc.net.LocalPortsReader;
import dev.medic.probes.proc.net.NetDevReader;
import dev.medic.probes.proc.net.RouteReader;
import dev.medic.probes.proc.net.SocketOwners;
import dev.medic.probes.proc.net.SockstatReader;
import dev.medic.probes.proc.net.TcpCountersReader;
import dev.medic.probes.sys.EdacReader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds every fixture host, damaged by {@link FuzzKit}, to every reader and parser in the tables below.
 * Contract: no exception escapes a reader (a public {@code read} may throw only {@link IOException}, which
 * {@link ProbeSweep} counts; a static parser only {@link KernelFormatException}); every fact still returned is
 * well-formed; and after a garbling mutation each reader either counts something in {@link ProbeMetrics} or
 * reports only values the pristine host also gave (a bad record is skipped or its field left null, never
 * reported with a different value). Reproduce a run with {@code -Dfuzz.seed=N -Dfuzz.iterations=N}.
 */
@EnabledOnOs(OS.LINUX)
class ParserFuzzTest {

  private static final long T = 1_700_000_000_000L;
  private static final ProbeSettings ALL = new ProbeSettings(0, true);
  private static final long SEED = Long.getLong("fuzz.seed", 20_240_611L);
  private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 300);

  /**
   * Free text a process, admin or the kernel log chooses (any byte may legitimately change), and fields that are not
   * values of the damaged file (timestamps; kernelTime is boot time from the wall clock plus a kmsg offset).
   */
  private static final Set<String> NOT_VALUES = Set.of("timestamp", "kernelTime", "comm", "cmdline", "memoryCgroup",
      "unit", "container", "device", "message", "invoker", "oomCgroup", "taskCgroup");

  /** A whole-host reader: its facts, or what it threw. */
  interface ReaderCall {
    Collection<?> run(HostRoot root, ProbeMetrics metrics) throws Exception;
  }

  /** A static parser of one file's content. */
  interface ParserCall {
    Object run(String content, ProbeMetrics metrics) throws Exception;
  }

  record ReaderInvocation(String name, ReaderCall call) {}

  record ParserInvocation(String glob, String name, ParserCall call) {}

  // ---- The tables: add a reader or a parser with one line. ----

  /** Whole-host readers, run on the damaged tree. */
  static final List<ReaderInvocation> READERS = List.of(
      reader("ProbeSweep(topN=2)", (r, m) -> new ProbeSweep(r, new ProbeSettings(2, false), m).sweep(T)),
      reader("ProbeSweep(smapsForAll)", (r, m) -> new ProbeSweep(r, new ProbeSettings(0, true), m).sweep(T)),
      reader("MeminfoReader", (r, m) -> new MeminfoReader(r, m).read(T).stream().toList()),
      reader("PressureReader", (r, m) -> new PressureReader(r, m).read(T)),
      reader("CgroupMemoryReader", (r, m) -> new CgroupMemoryReader(r, m).read(T)),
      reader("ProcessReader", (r, m) -> new ProcessReader(r, ProbeSettings.defaults(), m).read(T)),
      reader("VmstatReader", (r, m) -> new VmstatReader(r, m).read(T).stream().toList()),
      reader("SwapsReader", (r, m) -> new SwapsReader(r, m).read(T)),
      reader("VmSettingsReader", (r, m) -> new VmSettingsReader(r, m).read(T).stream().toList()),
      reader("EdacReader", (r, m) -> new EdacReader(r, m).read(T)),
      reader("LimitsReader", (r, m) -> new LimitsReader(r, m).read(T, new ProcessReader(r, ALL, m).read(T))),
      reader("TcpCountersReader", (r, m) -> new TcpCountersReader(r, m).read(T, NetNamespace.host(r)).stream()
          .toList()),
      reader("SockstatReader", (r, m) -> new SockstatReader(r, m, () -> 4096).read(T, NetNamespace.host(r)).stream()
          .toList()),
      reader("ListenersReader", (r, m) -> new ListenersReader(r, m, new SocketOwners(r, m))
          .read(T, NetNamespace.host(r), null)),
      reader("ConntrackReader", (r, m) -> new ConntrackReader(r, m).read(T, NetNamespace.host(r), null).stream()
          .toList()),
      reader("NetDevReader", (r, m) -> new NetDevReader(r, m).read(T, NetNamespace.host(r))),
      reader("FileNrReader", (r, m) -> new FileNrReader(r, m).read(T).stream().toList()),
      reader("LocalPortsReader", (r, m) -> new LocalPortsReader(r, m).read(T, NetNamespace.host(r), null).stream()
          .toList()),
      reader("ResolvConfReader", (r, m) -> new ResolvConfReader(r, m).read(T, NetNamespace.host(r)).stream()
          .toList()),
      reader("RouteReader", (r, m) -> new RouteReader(r, m).read(T, NetNamespace.host(r)).stream().toList()));

  /**
   * Static parsers, fed each damaged file matching the glob. {@code "pkg.Class#method"} is looked up reflectively
   * (the parsers are package-private) and given the content for a String, {@code T} for a long and the metrics.
   */
  static final List<ParserInvocation> PARSERS = List.of(
      parser("proc/meminfo", "proc.MeminfoReader#parse"),
      parser("proc/pressure/*", "proc.PressureReader#parse"),
      parser("proc/*/stat", "proc.PidStat#parse"),
      parser("proc/*/status", "proc.PidStatus#parse"),
      parser("proc/*/smaps_rollup", "proc.SmapsRollup#parse"),
      parser("proc/*/cmdline", "proc.ProcessDraft#cmdline"),
      parser("proc/*/cgroup", "proc.CgroupNames#memoryCgroup"),
      parser("**/memory.limit_in_bytes", "cgroup.CgroupMemoryFiles#parseLimitV1"),
      parser("**/memory.max", "cgroup.CgroupMemoryFiles#parseMaxV2"),
      parser("**/memory.usage_in_bytes", "usage", (c, m) -> call("cgroup.CgroupMemoryFiles#sampleV1", T, "/x",
          1L << 30, c, null, m)),
      parser("**/memory.current", "current", (c, m) -> call("cgroup.CgroupMemoryFiles#sampleV2", T, "/x",
          1L << 30, c, null, m)),
      parser("**/memory.oom_control", "spaceFields", KernelFiles::spaceFields),
      parser("**/memory.events", "spaceFields", KernelFiles::spaceFields),
      parser("**/cgroup.controllers", "controllers", (c, m) -> List.of(c.trim().split("\\s+"))),
      parser("proc/vmstat", "proc.VmstatReader#parse"),
      parser("proc/swaps", "proc.SwapsReader#parse"),
      parser("sys/devices/system/edac/mc/*/*_count", "count", (c, m) -> call("sys.EdacReader#parseCount", c, "x")),
      parser("proc/*/limits", "proc.LimitsReader#parse"),
      parser("proc/stat", "proc.BootTime#parseMillis"),
      parser("**/memory.stat", "memory.stat", (c, m) -> call("cgroup.CgroupMemoryFiles#breakdown", c, 1, m)),
      parser("dev/kmsg", "KmsgRecord#parse", (c, m) -> c.lines().map(KmsgRecord::parse).toList()),
      parser("proc/*/net/netstat", "proc.net.NetstatReader#parse"),
      parser("proc/*/net/snmp", "proc.net.SnmpReader#parse"),
      parser("proc/*/net/sockstat*", "proc.net.SockstatReader#parse"),
      parser("proc/sys/net/ipv4/tcp_mem", "proc.net.SockstatReader#parseTcpMem"),
      parser("proc/*/net/tcp*", "proc.net.TcpListenersReader#parse"),
      parser("proc/*/net/stat/nf_conntrack", "proc.net.ConntrackReader#parse"),
      parser("proc/*/net/dev", "proc.net.NetDevReader#parse"),
      parser("proc/*/net/route", "proc.net.RouteReader#parse"),
      parser("proc/*/net/ipv6_route", "proc.net.RouteReader#parseIpv6"),
      parser("proc/sys/fs/file-nr", "proc.FileNrReader#parse"),
      parser("proc/sys/net/ipv4/ip_local_port_range", "proc.net.LocalPortsReader#parseRange"),
      parser("etc/resolv.conf", "resolv.conf", (c, m) -> call("etc.ResolvConfReader#parse", c, T, "host", m)));

  // ---- The run. ----

  /** Every fixture host: fixtures/X or, for groups such as kmsg/, fixtures/X/Y, holding proc/, sys/ or dev/. */
  @TestFactory
  Stream<DynamicTest> everyFixtureHostSurvivesDamage(@TempDir Path tmp) throws IOException {
    Path fixtures = Fixtures.host("cgroup-v1-host").root().getParent();
    List<Path> hosts = new ArrayList<>();
    for (Path dir : children(fixtures)) {
      hosts.addAll(isHost(dir) ? List.of(dir) : children(dir).stream().filter(ParserFuzzTest::isHost).toList());
    }
    return hosts.stream().map(d -> fixtures.relativize(d).toString())
        .map(host -> DynamicTest.dynamicTest(host, () -> fuzz(host, fixtures.resolve(host), tmp)));
  }

  private static boolean isHost(Path dir) {
    return Stream.of("proc", "sys", "dev").anyMatch(n -> Files.isDirectory(dir.resolve(n)));
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private void fuzz(String host, Path fixture, Path tmp) throws IOException {
    // work on copies: the pristine one in tmp, not target/test-classes, which a concurrent build may rewrite
    Path pristine = tmp.resolve(host.replace('/', '-') + "-pristine");
    FuzzKit.copyTree(fixture, pristine);
    Map<String, Outcome> baseline = new LinkedHashMap<>();
    Map<String, List<Object>> truth = new LinkedHashMap<>(); // every pristine fact of every reader, by identity
    for (ReaderInvocation r : READERS) {
      Outcome o = run(r, pristine);
      assertTrue(o.thrown() == null || o.thrown() instanceof IOException, r.name() + " on the pristine " + host
          + ": " + o.thrown()); // IOException: a reader's declared refusal (no meminfo in a kmsg-only tree)
      baseline.put(r.name(), o);
      o.facts().forEach(f -> truth.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f));
    }
    List<List<String>> files = FuzzKit.filesByKind(pristine);
    long seed = SEED ^ host.hashCode();
    Random rnd = new Random(seed);
    Map<String, String> failures = new LinkedHashMap<>(); // one line per distinct problem, with its first example
    int garblingRuns = 0;
    Path work = tmp.resolve(host.replace('/', '-'));
    FuzzKit.copyTree(pristine, work);
    for (int i = 0; i < ITERATIONS; i++) {
      List<Applied> applied = new ArrayList<>();
      int count = i % 2 == 0 ? 1 : 1 + rnd.nextInt(3); // half the runs isolate a single mutation
      for (int k = 0; k < count; k++) {
        Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
        List<String> sameKind = files.get(rnd.nextInt(files.size()));
        String file = sameKind.get(rnd.nextInt(sameKind.size()));
        if (Files.isRegularFile(work.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
          applied.add(FuzzKit.apply(kind, work, file, rnd));
        }
      }
      boolean garbling = !applied.isEmpty() && applied.stream().allMatch(a -> a.kind().garbling);
      garblingRuns += garbling ? 1 : 0;
      String where = host + " seed " + seed + " iteration " + i + " " + applied;
      for (ReaderInvocation r : READERS) {
        Outcome o = run(r, work);
        check(r.name(), o, baseline.get(r.name()).counted(), truth, garbling, where, failures);
      }
      for (Applied a : applied) {
        Path file = work.resolve(a.file());
        for (ParserInvocation p : PARSERS) {
          if (Files.isRegularFile(file) && FileSystems.getDefault().getPathMatcher("glob:" + p.glob())
              .matches(Path.of(a.file()))) {
            Throwable t = attempt(() -> p.call().run(KernelFiles.read(file), new ProbeMetrics()));
            if (t != null && !(t instanceof KernelFormatException)) {
              failures.putIfAbsent(p.name() + " threw " + t.getClass().getName(), t + " at " + where);
            }
          }
        }
      }
      for (Applied a : applied) {
        FuzzKit.restore(pristine, work, a.file());
      }
    }
    assertTrue(garblingRuns > ITERATIONS / 10, "too few garbling runs to check accounting: " + garblingRuns);
    StringBuilder report = new StringBuilder();
    failures.forEach((problem, example) -> report.append("\n- ").append(problem).append("\n    e.g. ").append(example));
    assertTrue(failures.isEmpty(), failures.size() + " distinct problems on " + host + ":" + report);
  }

  private static void check(String reader, Outcome o, long pristineCount, Map<String, List<Object>> truth,
      boolean garbling, String where, Map<String, String> failures) {
    if (o.thrown() != null && !(o.thrown() instanceof IOException)) {
      failures.putIfAbsent(reader + " let " + o.thrown().getClass().getName() + " escape", o.thrown() + " at " + where);
      return;
    }
    for (Object fact : o.facts()) {
      String bad = malformed(fact);
      if (bad != null) {
        failures.putIfAbsent(reader + " returned a malformed " + fact.getClass().getSimpleName() + ": " + bad,
            fact + " at " + where);
      }
    }
    if (!garbling || o.thrown() != null || o.counted() > pristineCount) {
      return;
    }
    for (Object fact : o.facts()) {
      // a fact whose name was garbled (a swap file, say) is held against every pristine fact of its type
      List<Object> twins = truth.getOrDefault(key(fact), truth.values().stream().flatMap(List::stream)
          .filter(p -> p.getClass() == fact.getClass()).toList());
      String diff = changedValue(twins, fact);
      if (diff != null) {
        String field = fact.getClass().getSimpleName() + "." + diff.split("=")[0];
        failures.putIfAbsent(reader + " reported a garbled " + field + " without counting it",
            diff + " in " + fact + " at " + where);
      }
    }
  }

  /**
   * Null when each value of {@code fact} is one some reader gave for the same fact on the pristine host (null is
   * "left out", always allowed; which processes get PSS depends on the others, hence "some reader"); else
   * {@code field=pristine->now}.
   */
  static String changedValue(List<Object> pristine, Object fact) {
    for (RecordComponent c : fact.getClass().getRecordComponents()) {
      Object now = value(c, fact);
      if (NOT_VALUES.contains(c.getName()) || now == null) {
        continue;
      }
      if (pristine.stream().noneMatch(p -> now.equals(value(c, p)))) {
        return c.getName() + "=" + pristine.stream().map(p -> String.valueOf(value(c, p))).distinct().toList()
            + "->" + now;
      }
    }
    return null;
  }

  /** The invariants every fact of these types must keep, whatever the input; null when it does. */
  static String malformed(Object fact) {
    if (fact instanceof ProcessSample p && (p.pid() <= 0 || p.ppid() < 0 || p.comm() == null || p.state() == null
        || p.state().length() != 1 || p.rss() < 0 || (p.pss() != null && p.pss() < 0)
        || (p.uss() != null && p.uss() < 0))) {
      return "pid/ppid/comm/state/rss/pss/uss";
    }
    if (fact instanceof MemorySample m && (m.total() <= 0 || (m.available() != null && m.available() < 0))) {
      return "total/available";
    }
    if (fact instanceof CgroupSample c && (c.usage() < 0 || c.path() == null || !c.path().startsWith("/"))) {
      return "usage/path";
    }
    for (RecordComponent c : fact.getClass().getRecordComponents()) {
      if (c.getName().endsWith("Percent") && value(c, fact) instanceof Double d && !(d >= 0 && d <= 100)) {
        return c.getName() + "=" + d;
      }
    }
    return null;
  }

  /** A fact's identity across runs: its type plus the first identifying component it has. */
  static String key(Object fact) {
    for (String name : List.of("pid", "path", "resource", "name", "device", "filename")) {
      for (RecordComponent c : fact.getClass().getRecordComponents()) {
        if (c.getName().equals(name)) {
          return fact.getClass().getSimpleName() + ":" + value(c, fact);
        }
      }
    }
    return fact.getClass().getSimpleName();
  }

  record Outcome(List<?> facts, long counted, Throwable thrown) {}

  private static Outcome run(ReaderInvocation r, Path tree) {
    ProbeMetrics m = new ProbeMetrics();
    List<Object> facts = new ArrayList<>();
    Throwable t = attempt(() -> facts.addAll(r.call().run(new HostRoot(tree), m)));
    long counted = m.skippedRecords() + m.failedReads() + m.vanishedProcesses() + m.missingSources();
    return new Outcome(facts, counted, t);
  }

  private static Throwable attempt(Callable<?> body) {
    try {
      body.call();
      return null;
    } catch (Throwable t) { // everything, Errors included: the point is to see what escapes
      return t;
    }
  }

  private static ReaderInvocation reader(String name, ReaderCall call) {
    return new ReaderInvocation(name, call);
  }

  private static ParserInvocation parser(String glob, String name, ParserCall call) {
    return new ParserInvocation(glob, name, call);
  }

  /** {@code "proc.PidStat#parse"}: arguments by type, String = the file's content, long = T, the metrics. */
  private static ParserInvocation parser(String glob, String target) {
    Method method = FuzzKit.staticMethod(target);
    return new ParserInvocation(glob, target, (content, metrics) -> {
      Object[] args = Arrays.stream(method.getParameterTypes())
          .map(type -> type == String.class ? content : type == long.class ? (Object) T : metrics).toArray();
      return FuzzKit.invoke(method, args);
    });
  }

  private static Object call(String target, Object... args) throws Exception {
    return FuzzKit.invoke(FuzzKit.staticMethod(target), args);
  }
}
