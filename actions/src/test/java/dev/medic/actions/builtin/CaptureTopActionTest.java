package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link CaptureTopAction}, on fixture trees and on the live host. */
class CaptureTopActionTest {

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();
  private final CaptureTopAction action = new CaptureTopAction();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void fixture_largestRssFirstTargetMarkedOthersSkipped() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc"));
    process(proc, 10, "small", 1, 100, 0, "/bin/small\0");
    process(proc, 11, "db\u001b[2J", 1, 5000, 64, "postgres\0-D\0/var/lib/pg\0");
    process(proc, 140, "app", 10, 300, 0, "java\0-jar\0app.jar\0");
    process(proc, 15, "tie", 1, 300, 0, "");
    proc.process(2, "kthreadd", 0).file(2, "status", "Name:\tkthreadd\nUid:\t0\t0\t0\t0\n"); // kernel thread: no VmRSS
    proc.file(13, "stat", "13 (dead) Z 1").file(13, "status", "Name:\tdead\n"); // zombie
    proc.file(16, "stat", "16 (half) S 1"); // vanished before its status was read
    Files.createDirectories(proc.root.resolve("sys/vm"));
    Files.writeString(proc.root.resolve("meminfo"), "MemTotal: 1 kB\n");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));

    ActionResult result = action.run(ctx(proc, 140, "3", bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("top 3 processes by RSS; target pid 140 at #3", result.detail());
    assertEquals(List.of("top.txt"), result.evidence());
    List<String> lines = Files.readAllLines(bundle.dir().resolve("top.txt"));
    assertTrue(lines.get(0).matches("# top 3 of 4 processes by RSS at \\S+ \\(3 skipped: kernel threads, zombies, "
        + "vanished\\)"), lines.get(0));
    assertEquals("# target pid 140 is running, marked * below", lines.get(1));
    assertEquals(List.of(
        "  PID  PPID  COMM       RSS_KB  SWAP_KB  OOM_SCORE  OOM_ADJ  CMDLINE",
        "   11     1  db\\x1b[2J    5000       64        667        0  postgres -D /var/lib/pg",
        "   15     1  tie           300        0         40        0  [tie]",
        "* 140    10  app           300        0         40        0  java -jar app.jar"), lines.subList(2, 6));
    assertEquals(6, lines.size());
  }

  @Test
  void fixture_targetGoneAndNotListed() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc"));
    process(proc, 10, "small", 1, 100, 0, "/bin/small\0");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));

    ActionResult result = action.run(ctx(proc, 999, "20", bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("top 1 processes by RSS; target pid 999 not running", result.detail());
    assertTrue(Files.readString(bundle.dir().resolve("top.txt"))
        .contains("# target pid 999 is not running, not in this list\n"));
  }

  @Test
  void cmdline_isRedactedBeforeItIsCut() throws Exception {
    String filler = "x".repeat(190);
    ProcFixture proc = new ProcFixture(tmp.resolve("proc"));
    process(proc, 10, "psql", 1, 100, 0, "psql\0" + filler + "\0postgres://app:hunter2@db.internal/x\0");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));

    action.run(ctx(proc, 10, "20", bundle));

    String top = Files.readString(bundle.dir().resolve("top.txt"));
    assertFalse(top.contains("hunter"), top);
    String cmdline = top.lines().filter(l -> l.contains("psql ")).findFirst().orElseThrow();
    String expected = ("psql " + filler + " postgres://<redacted>@db.internal/x").substring(0, 200) + "...";
    assertTrue(cmdline.endsWith("  " + expected), cmdline);
  }

  @Test
  void liveHost_listsThisJvmWithItsCommandLine() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(child, Map.of("count", "1000"), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    List<String> lines = Files.readAllLines(bundle.dir().resolve("top.txt"));
    assertTrue(lines.get(1).startsWith("# target pid " + child.pid() + " is running, marked * below"), lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\* +" + child.pid() + " .* sleep 300")), lines.toString());
    long jvm = ProcessHandle.current().pid();
    assertTrue(lines.stream().anyMatch(l -> l.matches(" +" + jvm + " .*java.*")), lines.toString());
  }

  @Test
  void missingProcDir_isFailed() throws Exception {
    ActionContext ctx = new ActionContext(1, new HostRoot(tmp.resolve("no-root")), Map.of(),
        EvidenceBundle.open(tmp.resolve("b")), Duration.ofSeconds(5));

    ActionResult result = action.run(ctx);

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("cannot list " + tmp.resolve("no-root/proc") + ": no such file", result.detail());
  }

  @Test
  void validate_count() {
    assertEquals(List.of(), action.validate(Map.of()));
    assertEquals(List.of(), action.validate(Map.of("count", "1000")));
    assertEquals(List.of("parameter 'count' must be from 1 to 1000, got 0"), action.validate(Map.of("count", "0")));
    assertEquals(List.of("parameter 'count' must be an integer from 1 to 1000, got 'all'"),
        action.validate(Map.of("count", "all")));
  }

  private static void process(ProcFixture proc, int pid, String comm, int ppid, long rssKb, long swapKb,
      String cmdline) throws IOException {
    proc.process(pid, comm, ppid)
        .file(pid, "status",
            "Name:\t" + comm + "\nUid:\t0\t0\t0\t0\nVmRSS:\t" + rssKb + " kB\nVmSwap:\t" + swapKb + " kB\n")
        .file(pid, "oom_score", (rssKb > 1000 ? 667 : 40) + "\n")
        .file(pid, "oom_score_adj", "0\n")
        .file(pid, "cmdline", cmdline);
  }

  private static ActionContext ctx(ProcFixture proc, int pid, String count, EvidenceBundle bundle) {
    return new ActionContext(pid, proc.host, Map.of("count", count), bundle, Duration.ofSeconds(5));
  }
}
