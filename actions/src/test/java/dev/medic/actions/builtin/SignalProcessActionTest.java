package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link SignalProcessAction}. Only children started by the test are ever signalled; refusals are
 * checked on pid 1, this JVM, this JVM's threads, and fixture trees whose pid is one that was just reaped (so a
 * broken check could not hit anything).
 */
class SignalProcessActionTest {

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();
  private final SignalProcessAction action = new SignalProcessAction();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void term_byDefault_childExitsAndItIsRecorded() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(child, Map.of(), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertTrue(result.detail().matches("sent TERM to pid " + child.pid() + " \\(sleep\\); exited within \\d+ ms"),
        result.detail());
    assertTrue(child.waitFor(5, TimeUnit.SECONDS));
    assertEquals(128 + 15, child.exitValue());
    List<String> record = Files.readAllLines(bundle.dir().resolve("signal.txt"));
    assertEquals("pid: " + child.pid(), record.get(0));
    assertEquals("comm: sleep", record.get(1));
    assertTrue(record.get(2).matches("start time: [1-9][0-9]* clock ticks after boot \\(read just before "
        + "signalling\\)"), record.get(2));
    assertEquals("signal: SIGTERM", record.get(3));
    assertEquals("sent with: ProcessHandle.destroy() (SIGTERM)", record.get(4));
    assertTrue(record.get(5).startsWith("outcome: exited within "), record.get(5));
  }

  @Test
  void hup_isSentWithKillAndNotWaitedForByDefault() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(child, Map.of("signal", "HUP"), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("sent HUP to pid " + child.pid() + " (sleep); not waited for", result.detail());
    assertTrue(child.waitFor(5, TimeUnit.SECONDS), "sleep does not handle HUP, so it dies of it");
    assertEquals(128 + 1, child.exitValue());
    assertTrue(Files.readString(bundle.dir().resolve("signal.txt"))
        .contains("sent with: kill -s HUP -- " + child.pid() + "\n"));
  }

  @Test
  void usr1_withAWait_reportsTheExit() throws Exception {
    Process child = children.sleep();

    ActionResult result = action.run(LiveChildren.live(child, Map.of("signal", "USR1", "wait", "5s"),
        EvidenceBundle.open(tmp)));

    assertTrue(result.detail().matches("sent USR1 to pid \\d+ \\(sleep\\); exited within \\d+ ms"), result.detail());
    assertTrue(child.waitFor(5, TimeUnit.SECONDS));
    assertEquals(128 + 10, child.exitValue());
  }

  @Test
  void kill_childExits() throws Exception {
    Process child = children.sleep();

    ActionResult result = action.run(LiveChildren.live(child, Map.of("signal", "KILL"), EvidenceBundle.open(tmp)));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertTrue(result.detail().contains("; exited within "), result.detail());
    assertTrue(child.waitFor(5, TimeUnit.SECONDS));
    assertEquals(128 + 9, child.exitValue());
  }

  @Test
  void term_ignored_isOkAndSaysItIsStillRunning() throws Exception {
    // A TERM ignored before exec stays ignored in sleep; sh is only used to set that up.
    Process child = new ProcessBuilder("sh", "-c", "trap '' TERM; exec sleep 300").start();
    try {
      Path exe = Path.of("/proc", Long.toString(child.pid()), "exe");
      for (int i = 0; i < 500 && !Files.readSymbolicLink(exe).toString().endsWith("/sleep"); i++) {
        Thread.sleep(10);
      }

      ActionResult result = action.run(LiveChildren.live(child, Map.of("wait", "300ms"), EvidenceBundle.open(tmp)));

      assertEquals(ActionResult.Status.OK, result.status(), result.detail());
      assertTrue(result.detail().matches("sent TERM to pid \\d+ \\(sleep\\); still running after \\d+ ms"),
          result.detail());
      assertTrue(child.isAlive());
    } finally {
      child.destroyForcibly();
      child.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0, -1})
  void refusesPid1AndBelow(int pid) throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(pid, Map.of("signal", "HUP"), bundle));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertTrue(result.detail().startsWith("refusing to signal pid " + pid + ": "), result.detail());
    assertEquals(List.of(), bundle.files());
  }

  @Test
  void refusesItsOwnJvm() throws Exception {
    int self = (int) ProcessHandle.current().pid();

    ActionResult result = action.run(LiveChildren.live(self, Map.of(), EvidenceBundle.open(tmp)));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("refusing to signal pid " + self + ": it is Medic itself", result.detail());
  }

  @Test
  void refusesAThreadOfItsOwnJvm() throws Exception {
    long self = ProcessHandle.current().pid();
    int thread;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      thread = tasks.map(p -> Integer.parseInt(p.getFileName().toString())).filter(t -> t != self).findFirst()
          .orElseThrow();
    }

    ActionResult result = action.run(LiveChildren.live(thread, Map.of(), EvidenceBundle.open(tmp)));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertTrue(result.detail().matches("refusing to signal pid " + thread + " \\(.*\\): it is a thread of Medic "
        + "itself, not a process"), result.detail());
  }

  @Test
  void refusesAKernelThread() throws Exception {
    int pid = LiveChildren.reapedPid();
    StringBuilder stat = new StringBuilder(pid + " (kworker/0:1) I 2");
    for (int field = 5; field <= 52; field++) {
      stat.append(' ').append(field == 9 ? 0x00208040 : field == 22 ? 4242 : 0);
    }
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).file(pid, "stat", stat.toString())
        .file(pid, "status", "Name:\tkworker/0:1\nUid:\t0\t0\t0\t0\nTgid:\t" + pid + "\n");
    Files.createSymbolicLink(proc.root.resolve("self"), Path.of(Long.toString(ProcessHandle.current().pid())));

    ActionResult result = action.run(new ActionContext(pid, proc.host, Map.of("signal", "KILL"),
        EvidenceBundle.open(tmp.resolve("b")), Duration.ofSeconds(5)));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("refusing to signal pid " + pid + " (kworker/0:1): it is a kernel thread", result.detail());
  }

  @Test
  void refusesAProcDirOfAnotherPidNamespace() throws Exception {
    int pid = LiveChildren.reapedPid();
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(pid, "app", 1);

    ActionResult result = action.run(new ActionContext(pid, proc.host, Map.of(),
        EvidenceBundle.open(tmp.resolve("b")), Duration.ofSeconds(5)));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertEquals("refusing to signal pid " + pid + ": " + proc.root + " has no self link, so it is not the /proc "
        + "of Medic's pid namespace", result.detail());
  }

  @Test
  void goneTarget_isTargetGone() throws Exception {
    int pid = LiveChildren.reapedPid();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(pid, Map.of("signal", "KILL"), bundle));

    assertEquals(ActionResult.Status.TARGET_GONE, result.status(), result.detail());
    assertEquals(List.of(), bundle.files());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "signal | STOP    | parameter 'signal' must be one of TERM, INT, HUP, USR1, USR2, KILL, got 'STOP'",
      "signal | term    | parameter 'signal' must be one of TERM, INT, HUP, USR1, USR2, KILL, got 'term'",
      "signal | SIGTERM | parameter 'signal' must be one of TERM, INT, HUP, USR1, USR2, KILL, got 'SIGTERM'",
      "signal | 9       | parameter 'signal' must be one of TERM, INT, HUP, USR1, USR2, KILL, got '9'",
      "wait   | 2m      | parameter 'wait' must be from 0s to 1m, got 2m",
      "wait   | soon    | parameter 'wait' must be a duration such as 500ms, 2s or 1m, got 'soon'"})
  void validate_problems(String key, String value, String problem) {
    Map<String, String> params = new HashMap<>();
    params.put(key, value);
    assertEquals(List.of(problem), action.validate(params));
  }

  @Test
  void validate_accepts() {
    assertEquals(List.of(), action.validate(Map.of()));
    for (String signal : List.of("TERM", "INT", "HUP", "USR1", "USR2", "KILL")) {
      assertEquals(List.of(), action.validate(Map.of("signal", signal, "wait", "0s")));
    }
    assertEquals(List.of(), action.validate(Map.of("wait", "1m")));
  }
}
