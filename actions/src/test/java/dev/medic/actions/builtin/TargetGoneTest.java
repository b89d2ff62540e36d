package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.medic.actions.Action;
import dev.medic.actions.ActionRegistry;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each registered action does about a pid that no longer exists. Most say TARGET_GONE and write nothing.
 * The others are about more than the process and say so on purpose: the journal keeps a dead process's log
 * ({@code capture_log}), the survivors are the point after an OOM kill ({@code capture_top}), and swappiness and
 * a unit restart are host-wide ({@code set_swappiness}, {@code restart_unit}; these two change the host, so they
 * are not run here: their own tests cover it on fixtures and a nonexistent unit).
 */
class TargetGoneTest {

  /** The actions that are about the process itself and give up when it is gone. */
  static final List<String> GIVE_UP = List.of("capture_identity", "capture_lsof", "capture_pidstat",
      "capture_pmap", "capture_smaps", "set_memory_high", "set_oom_score_adj", "signal_process");
  /** The actions that are useful, or host-wide, whether or not the pid still runs. */
  static final List<String> CARRY_ON = List.of("capture_log", "capture_top", "restart_unit", "set_swappiness",
      // the network captures look at the host's network, not at the process (their tests run with a reaped pid)
      "capture_sockets", "capture_listeners", "capture_tcp_counters", "capture_conntrack", "capture_ruleset",
      "capture_links", "capture_dns", "set_sysctl");

  @TempDir Path tmp;

  static List<String> givingUp() {
    return GIVE_UP;
  }

  @Test
  void everyRegisteredActionIsInExactlyOneList() {
    Set<String> listed = new HashSet<>(GIVE_UP);
    CARRY_ON.forEach(name -> assertTrue(listed.add(name), name + " is in both lists"));
    assertEquals(ActionRegistry.builtin().names(), Set.copyOf(listed),
        "a new action must say here whether it gives up on a gone pid");
  }

  @ParameterizedTest
  @MethodSource("givingUp")
  void reapedPid_isTargetGone(String name) throws Exception {
    int pid = reapedPid();
    Action action = ActionRegistry.builtin().find(name).orElseThrow();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = action.run(LiveChildren.live(pid, Map.of("value", "100", "full", "true"), bundle));

    assertEquals(ActionResult.Status.TARGET_GONE, result.status(), result.detail());
    assertEquals(List.of(), result.evidence());
    assertEquals(List.of(), bundle.files());
  }

  @Test
  void captureLog_ofAReapedPid_isOkWithTheJournalsAnswer() throws Exception {
    int pid = reapedPid();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new CaptureLogAction().run(LiveChildren.live(pid, Map.of(), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals(List.of("log.txt"), result.evidence());
    assertTrue(result.detail().startsWith("journal of pid " + pid + ", process not running: "), result.detail());
    String log = Files.readString(bundle.dir().resolve("log.txt"));
    // Either the journal has nothing for this pid (or there is no journal at all), or it has lines of a process
    // that once had this pid.
    assertTrue(log.strip().equals("-- No entries --") || log.lines().anyMatch(l -> !l.startsWith("-- ")), log);
  }

  @Test
  void captureTop_ofAReapedPid_isOkAndSaysTheTargetIsNotRunning() throws Exception {
    int pid = reapedPid();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new CaptureTopAction().run(LiveChildren.live(pid, Map.of(), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    String top = Files.readString(bundle.dir().resolve("top.txt"));
    assertTrue(top.contains("# target pid " + pid + " is not running, not in this list\n"), top);
  }

  private static int reapedPid() throws Exception {
    int pid = LiveChildren.reapedPid();
    assumeFalse(Files.exists(Path.of("/proc", Integer.toString(pid))), "pid " + pid + " was reused already");
    return pid;
  }
}
