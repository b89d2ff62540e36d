package dev.medic.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.ProcessSample;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live: Medic's figures against {@code free -b}, {@code ps -o rss} and {@code smem} for the same processes at the
 * same moment. Each tool runs just before and just after one Medic sweep, and a Medic value passes when it lies
 * within the tolerance of the interval the two readings span (memory keeps moving on a live host; the two tool
 * runs bracket the sweep). The host is shared, so a disagreement is retried twice before the test fails.
 *
 * <p>Tolerances. MemAvailable: Medic and free both read /proc/meminfo's MemAvailable (kB), so they can only differ
 * by what the host allocated or freed between the reads, which the bracket covers; 8 MiB absorbs back-and-forth
 * movement inside it (a JVM's heap, page cache of a concurrent build). RSS: ps and Medic both read the task's mm
 * counters (stat / status); the children are idle, so 1 MiB is already generous. PSS/USS: smem sums
 * {@code /proc/<pid>/smaps} per mapping, each rounded down to a kB, while Medic reads the exact {@code
 * smaps_rollup}; and PSS moves when another process maps the same file pages (smem itself maps libc while it
 * runs), so max(1 MiB, 2 %) of the value.
 */
@EnabledOnOs(OS.LINUX)
class ToolAgreementTest {

  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;
  private static final int ATTEMPTS = 3;
  private static final String MARKER = "medic-tool-agreement-" + ProcessHandle.current().pid();

  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void memAvailableAgreesWithFree() throws Exception {
    assumeTool("free");
    agree(() -> {
      long before = freeAvailable();
      MemorySample m = memory(sweep(ProbeSettings.defaults()));
      long after = freeAvailable();
      return check("MemAvailable", m.available(), before, after, 8 * MIB);
    });
  }

  @Test
  void rssAgreesWithPs(@TempDir Path dir) throws Exception {
    assumeTool("ps");
    Map<Long, Long> sizes = startChildren(dir);
    agree(() -> {
      Map<Long, Long> before = psRss(sizes.keySet());
      Map<Long, ProcessSample> medic = processes(sweep(new ProbeSettings(100_000, false)));
      Map<Long, Long> after = psRss(sizes.keySet());
      List<String> problems = new ArrayList<>();
      for (long pid : sizes.keySet()) {
        ProcessSample p = medic.get(pid);
        assertTrue(p != null && p.rss() >= sizes.get(pid), "child " + pid + " not resident as expected: " + p);
        add(problems, check("RSS of " + pid, p.rss(), before.get(pid), after.get(pid), MIB));
      }
      return problems.isEmpty() ? null : String.join("; ", problems);
    });
  }

  @Test
  void pssAndUssAgreeWithSmem(@TempDir Path dir) throws Exception {
    assumeTool("smem"); // the lead installs smem in CI; elsewhere this skips
    Map<Long, Long> sizes = startChildren(dir);
    agree(() -> {
      Map<Long, long[]> before = smem();
      Map<Long, ProcessSample> medic = processes(sweep(new ProbeSettings(100_000, false)));
      Map<Long, long[]> after = smem();
      List<String> problems = new ArrayList<>();
      for (long pid : sizes.keySet()) {
        ProcessSample p = medic.get(pid);
        assertTrue(p != null && p.pss() != null && p.uss() != null, "no PSS/USS for child " + pid + ": " + p);
        assertTrue(p.uss() >= sizes.get(pid), "child " + pid + " USS " + p.uss() + " below what it touched");
        long[] b = before.get(pid);
        long[] a = after.get(pid);
        assertTrue(b != null && a != null, "smem did not list child " + pid);
        add(problems, check("USS of " + pid, p.uss(), b[0], a[0], Math.max(MIB, p.uss() / 50)));
        add(problems, check("PSS of " + pid, p.pss(), b[1], a[1], Math.max(MIB, p.pss() / 50)));
      }
      return problems.isEmpty() ? null : String.join("; ", problems);
    });
  }

  // ---- helpers ----

  @FunctionalInterface
  private interface Attempt {
    String run() throws Exception;
  }

  /** Runs {@code attempt} until it reports no disagreement, at most {@value #ATTEMPTS} times. */
  private static void agree(Attempt attempt) throws Exception {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < ATTEMPTS; i++) {
      String problem = attempt.run();
      if (problem == null) {
        return;
      }
      seen.add("attempt " + (i + 1) + ": " + problem);
    }
    fail("Medic disagrees with the tool in every attempt:\n" + String.join("\n", seen));
  }

  /** Null when {@code medic} is within {@code tolerance} of the range spanned by the two tool readings. */
  private static String check(String what, Long medic, Long before, Long after, long tolerance) {
    if (medic == null || before == null || after == null) {
      return what + ": missing value (medic " + medic + ", tool " + before + " / " + after + ")";
    }
    System.out.printf("%s: medic %d, tool %d / %d (bytes)%n", what, medic, before, after);
    long low = Math.min(before, after) - tolerance;
    long high = Math.max(before, after) + tolerance;
    if (medic >= low && medic <= high) {
      return null;
    }
    return String.format("%s: medic %d B (%.1f MiB), tool %d / %d B (%.1f / %.1f MiB), tolerance %.1f MiB", what,
        medic, medic / (double) MIB, before, after, before / (double) MIB, after / (double) MIB,
        tolerance / (double) MIB);
  }

  private static void add(List<String> problems, String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }

  /**
   * Two children that touch 50 and 120 MiB of private anonymous memory, then sleep: a tiny C program when gcc is
   * there, else python3. Returns pid to bytes touched, once both report they are ready.
   */
  private Map<Long, Long> startChildren(Path dir) throws Exception {
    List<String> base;
    if (onPath("gcc")) {
      Path src = dir.resolve("child.c");
      Path exe = dir.resolve("medic-mem-child");
      Files.writeString(src, "#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n"
          + "int main(int c, char **v) { size_t n = strtoull(v[1], 0, 10) << 20; volatile char *p = malloc(n);\n"
          + "  if (!p) return 1; for (size_t i = 0; i < n; i++) p[i] = 0x5a; /* volatile: not optimised away */\n"
          + "  puts(\"ready\"); fflush(stdout); pause(); return p[n - 1]; }\n");
      assertEquals(0, run(List.of("gcc", "-O1", "-o", exe.toString(), src.toString())).exit(), "gcc failed");
      base = List.of(exe.toString());
    } else {
      Assumptions.assumeTrue(onPath("python3"), "neither gcc nor python3 to build a child of known size");
      base = List.of(Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3", "-c",
          "import sys, signal\nb = bytearray(int(sys.argv[1]) << 20)\nfor i in range(0, len(b), 4096): b[i] = 1\n"
              + "print('ready', flush=True)\nsignal.pause()\n");
    }
    Map<Long, Long> sizes = new HashMap<>();
    for (long mib : List.of(50L, 120L)) {
      List<String> cmd = new ArrayList<>(base);
      cmd.add(Long.toString(mib));
      cmd.add(MARKER); // for smem -P, which matches on the command line
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      children.add(p);
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertEquals("ready", line, "child " + cmd + " did not start");
      sizes.put(p.pid(), mib * MIB);
    }
    return sizes;
  }

  private static List<Fact> sweep(ProbeSettings settings) {
    return new ProbeSweep(HostRoot.live(), settings).sweep(System.currentTimeMillis());
  }

  private static MemorySample memory(List<Fact> facts) {
    return facts.stream().filter(MemorySample.class::isInstance).map(MemorySample.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no memory sample"));
  }

  private static Map<Long, ProcessSample> processes(List<Fact> facts) {
    Map<Long, ProcessSample> map = new HashMap<>();
    facts.stream().filter(ProcessSample.class::isInstance).map(ProcessSample.class::cast)
        .forEach(p -> map.put((long) p.pid(), p));
    return map;
  }

  /** {@code free -b}: the "available" column (7th) of the Mem: line, bytes. */
  private static long freeAvailable() throws Exception {
    for (String line : run(List.of("free", "-b")).out()) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("Mem:") && f.length >= 7) {
        return Long.parseLong(f[6]);
      }
    }
    throw new AssertionError("free -b printed no Mem: line with an available column");
  }

  /** {@code ps -o pid=,rss= -p …}: kB, as bytes. */
  private static Map<Long, Long> psRss(Set<Long> pids) throws Exception {
    List<String> cmd = List.of("ps", "-o", "pid=,rss=", "-p",
        String.join(",", pids.stream().map(String::valueOf).toList()));
    Map<Long, Long> rss = new HashMap<>();
    for (String line : run(cmd).out()) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2) {
        rss.put(Long.parseLong(f[0]), Long.parseLong(f[1]) * KIB);
      }
    }
    return rss;
  }

  /** {@code smem -c "pid uss pss" -P MARKER}: kB, as bytes, pid to {uss, pss}. */
  private static Map<Long, long[]> smem() throws Exception {
    Map<Long, long[]> map = new HashMap<>();
    for (String line : run(List.of("smem", "-c", "pid uss pss", "-P", MARKER)).out()) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].matches("\\d+")) {
        map.put(Long.parseLong(f[0]), new long[] {Long.parseLong(f[1]) * KIB, Long.parseLong(f[2]) * KIB});
      }
    }
    return map;
  }

  private record Result(int exit, List<String> out) {}

  private static Result run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> out;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      out = r.lines().toList();
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), out);
  }

  private static void assumeTool(String tool) {
    Assumptions.assumeTrue(onPath(tool), tool + " is not installed");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
