package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medic probe} on the live host, on the probes module's fixture host, and into a pipe closed early. */
class ProbeCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String FIXTURE = HostTree.V1_HOST.toString();

  @TempDir
  Path dir;

  @Test
  void jsonOnTheLiveHostHasSizesInBytesAndTheLargestProcessesFirst() throws Exception {
    CliRun r = CliRun.of("probe", "--json", "--top", "5");
    assertEquals(MedicCli.OK, r.code(), r.toString());
    JsonNode root = JSON.readTree(r.out());
    long total = root.path("memory").path("total").asLong();
    // MemTotal is in kB in /proc/meminfo: in bytes it is a multiple of 1024 and more than 64 MiB
    assertTrue(total > 64L << 20 && total % 1024 == 0, "memory.total " + total);
    JsonNode processes = root.get("processes");
    assertTrue(processes.isArray() && processes.size() >= 1 && processes.size() <= 5, processes.toString());
    long previous = Long.MAX_VALUE;
    for (JsonNode p : processes) {
      for (String key : List.of("pid", "comm", "rss", "pss", "uss", "swap")) {
        assertTrue(p.has(key), key + " missing in " + p);
      }
      assertTrue(p.get("pid").asInt() > 0, p.toString());
      long rss = p.get("rss").asLong();
      assertTrue(rss <= previous, "not sorted by rss, descending: " + processes);
      assertTrue(rss % 1024 == 0, "rss in bytes (VmRSS is kB): " + p);
      previous = rss;
      assertFalse(p.get("kernelThread").asBoolean(), "kernel threads are not listed: " + p);
    }
    assertTrue(processes.get(0).get("rss").asLong() >= 1 << 20, "the largest process holds at least 1 MiB");
  }

  @Test
  void textOnTheLiveHostHasTheMemoryLineAndTheProcessTable() {
    CliRun r = CliRun.of("probe", "--top", "3");
    assertEquals(MedicCli.OK, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("Memory: \\S+ total, \\S+ available \\(\\d+\\.\\d%\\), \\d+\\.\\d% used; "
        + "swap \\S+ of \\S+ used \\(\\d+\\.\\d%\\)"), lines.get(0));
    int table = lines.indexOf("Top processes by memory (sorted by rss):");
    assertTrue(table > 0, r.toString());
    assertTrue(lines.get(table + 1).trim().startsWith("PID COMM"), r.toString());
    int rows = processRows(lines).size();
    assertTrue(rows >= 1 && rows <= 3, "--top 3 lists at most 3 processes:\n" + r);
  }

  @Test
  void textOnTheFixtureHost() {
    CliRun r = CliRun.of("probe", "--host-root", FIXTURE);
    assertEquals(MedicCli.OK, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    // meminfo: MemTotal 8048764 kB, MemAvailable 1609752 kB (20%), swap 2097148 kB with 1572860 kB free
    assertEquals("Memory: 7.7G total, 1.5G available (20.0%), 80.0% used; swap 512M of 2.0G used (25.0%)",
        lines.get(0));
    // the fixture's PSI totals do not change between the two reads: 0% "now"; cpu has no full line
    assertTrue(lines.contains("Pressure cpu    some 0.0% now, avg10 1.20 avg60 0.80 avg300 0.50; full - now, avg10 -"),
        r.toString());
    // only limited cgroups, fullest first; both at or above 80% are marked; usage 429916160 of 536870912
    int cg = lines.indexOf("Cgroups with a memory limit (fullest first):");
    assertEquals("  !    256M of 256M     99.8%  oom kills 7  /docker/deadbeef", lines.get(cg + 1));
    assertEquals("  !    410M of 512M     80.1%  oom kills 3  /process_api/abc", lines.get(cg + 2));
    // comm sits between the first '(' and the LAST ')' of stat; kthreadd (a kernel thread) is not listed
    List<String> rows = processRows(lines);
    assertEquals(List.of(4242, 5000, 1, 5001), rows.stream().map(l -> Integer.parseInt(l.trim().split(" ")[0]))
        .toList(), r.toString());
    // VmRSS 307200 kB, Pss 290000 kB, Private_Clean+Private_Dirty 284096 kB, VmSwap 2048 kB, oom 812/500
    // its cgroup /user.slice/user-1000.slice/session-3.scope names its systemd unit
    assertEquals("   4242 evil) R 1 (x       300M    283M    277M    2.0M        -   812   500  "
        + "session-3.scope  ./evil --name evil) R 1 (x", rows.get(0));
    assertEquals("", r.err());
  }

  @Test
  void jsonOnTheFixtureHostKeepsTheHostileCommExact() throws Exception {
    CliRun r = CliRun.of("probe", "--json", "--top", "2", "--host-root", FIXTURE);
    assertEquals(MedicCli.OK, r.code(), r.toString());
    JsonNode root = JSON.readTree(r.out());
    assertEquals(8048764L * 1024, root.get("memory").get("total").asLong());
    JsonNode evil = root.get("processes").get(0);
    assertEquals("evil) R 1 (x", evil.get("comm").asText());
    assertEquals(307200L * 1024, evil.get("rss").asLong());
    assertEquals(290000L * 1024, evil.get("pss").asLong());
    assertEquals(284096L * 1024, evil.get("uss").asLong());
    assertEquals(2048L * 1024, evil.get("swap").asLong());
    assertEquals(2, root.get("processes").size());
    JsonNode abc = root.get("cgroups").get(1);
    assertEquals("/process_api/abc", abc.get("path").asText());
    assertEquals(536870912L, abc.get("limit").asLong());
    assertEquals(3, abc.get("oomKills").asInt());
  }

  @Test
  void controlCharactersInACommCannotBreakTheTable() throws Exception {
    Path host = HostTree.copyV1(dir.resolve("host"));
    String comm = "evil\n) R 1 (x\t\u001b[2J";
    HostTree.cloneJava(host, 6000, comm);
    HostTree.write(host, "proc/6000/cmdline", "/bin/evil\0--now\nrm -rf /\0");

    CliRun text = CliRun.of("probe", "--host-root", host.toString());
    assertEquals(MedicCli.OK, text.code(), text.toString());
    assertFalse(text.out().contains("\u001b"), "no escape sequence reaches the terminal:\n" + text);
    List<String> rows = text.out().lines().filter(l -> l.startsWith("   6000 ")).toList();
    assertEquals(1, rows.size(), text.toString());
    assertTrue(rows.get(0).startsWith("   6000 evil\\n) R 1 (x\\x09\\x1b[2J    200M"), rows.get(0));
    assertTrue(rows.get(0).endsWith("/process_api/abc  /bin/evil --now\\nrm -rf /"), rows.get(0));
    // 5 processes, one line each: nothing spills onto a line of its own
    List<String> lines = text.out().lines().toList();
    assertEquals(5, processRows(lines).size(), text.toString());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith(") R 1") || l.startsWith("rm -rf")), text.toString());

    JsonNode json = JSON.readTree(CliRun.of("probe", "--json", "--host-root", host.toString()).out());
    List<String> comms = new ArrayList<>();
    json.get("processes").forEach(p -> comms.add(p.get("comm").asText()));
    // escaped at the source (docs/redaction.md): a consumer of --json never gets raw control bytes either
    assertTrue(comms.contains("evil\\n) R 1 (x\\x09\\x1b[2J"), "JSON has the comm escaped: " + comms);
  }

  @Test
  void aReaderThatClosesThePipeEarlyLetsProbeExitQuietly() throws Exception {
    // enough processes that the output is far larger than a pipe buffer (64 KiB): writes after the close fail
    Path host = HostTree.copyV1(dir.resolve("host"));
    for (int pid = 10_000; pid < 11_500; pid++) {
      HostTree.cloneJava(host, pid, "worker-" + pid);
    }
    String[] args = {"probe", "--top", "0", "--host-root", host.toString()};
    int size = CliRun.of(args).out().length();
    assertTrue(size > 2 * 64 * 1024, "the output must overflow the pipe buffer: " + size);
    Process p = startMedic(dir, args);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (int i = 0; i < 3; i++) {
        assertTrue(out.readLine() != null);
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "medic probe did not exit after its reader went away");
    String err = Files.readString(dir.resolve("stderr.txt"));
    assertEquals("", err, "stderr");
    // PrintWriter swallows the broken pipe (EPIPE; the JVM ignores SIGPIPE): the command still exits 0
    assertEquals(0, p.exitValue());
  }

  @Test
  void aReaderThatClosesThePipeEarlyOnTheLiveHost() throws Exception {
    Process p = startMedic(dir, "probe");
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (int i = 0; i < 3; i++) {
        assertTrue(out.readLine() != null);
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "medic probe did not exit after its reader went away");
    String err = Files.readString(dir.resolve("stderr.txt"));
    assertFalse(err.contains("\tat ") || err.contains("Exception"), "stderr:\n" + err);
    assertEquals(0, p.exitValue(), "stderr:\n" + err);
  }

  @Test
  void controlCharactersInACgroupNameCannotReachTheTerminal() throws Exception {
    Path host = HostTree.copyV1(dir.resolve("host"));
    String name = "evil\u001b[2J";
    String cg = "sys/fs/cgroup/memory/process_api/abc/" + name + "/";
    HostTree.write(host, cg + "memory.usage_in_bytes", "104857600\n");
    HostTree.write(host, cg + "memory.limit_in_bytes", "104857600\n");
    HostTree.write(host, cg + "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    HostTree.write(host, cg + "cgroup.procs", "6000\n");
    HostTree.cloneJava(host, 6000, "hidden");
    HostTree.write(host, "proc/6000/cgroup", "11:memory:/process_api/abc/" + name + "\n0::/\n");

    CliRun r = CliRun.of("probe", "--host-root", host.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertTrue(r.out().contains("/process_api/abc/evil\\x1b[2J"), r.toString());
    assertFalse(r.out().contains("\u001b"), "no escape sequence reaches the terminal:\n" + r);
  }

  /** The rows of the process table: the lines after its heading that start with a right-aligned pid. */
  private static List<String> processRows(List<String> lines) {
    int table = lines.indexOf("Top processes by memory (sorted by rss):");
    assertTrue(table >= 0, String.join("\n", lines));
    return lines.subList(table + 2, lines.size()).stream().takeWhile(l -> l.matches(" {0,6}\\d+ .*")).toList();
  }

  private static Process startMedic(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.medic.cli.MedicCli"));
    cmd.addAll(List.of(args));
    // stderr to a file, so a chatty stderr cannot block the child while the test reads stdout
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.PIPE)
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
  }
}
