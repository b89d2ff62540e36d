package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import dev.medic.probes.proc.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host-changing action checks that the pid still names the process the plan sampled (by its start time), so a
 * process that exited and left its pid to a newcomer is never the one changed.
 */
class PidReuseTest {

  private static final HostRoot HOST = HostRoot.live();
  private final LiveChildren children = new LiveChildren();

  @TempDir
  Path tmp;

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  private ActionContext context(Process child, Map<String, String> params, Long expectedStart) throws Exception {
    return new ActionContext((int) child.pid(), HOST, params, EvidenceBundle.open(tmp), Duration.ofSeconds(20),
        expectedStart);
  }

  @Test
  void theStartTimeOfALiveProcessIsTheOneTheProbesCompute() throws Exception {
    Process child = children.sleep();
    long start = ProcessIdentity.startMillis(HOST, (int) child.pid()).orElseThrow();
    long handle = child.info().startInstant().orElseThrow().toEpochMilli();
    assertTrue(Math.abs(start - handle) < 2000, start + " vs " + handle); // the JDK's figure has 1 s resolution
  }

  @Test
  void oomScoreAdjIsSetOnThePlannedProcessAndRefusedOnAnother() throws Exception {
    Process child = children.sleep();
    Path file = HOST.pid((int) child.pid()).resolve("oom_score_adj");
    long start = ProcessIdentity.startMillis(HOST, (int) child.pid()).orElseThrow();
    SetOomScoreAdjAction action = new SetOomScoreAdjAction();

    ActionResult other = action.run(context(child, Map.of("value", "300"), start - 60_000));
    assertEquals(ActionResult.Status.TARGET_GONE, other.status(), other.detail());
    assertTrue(other.detail().contains("now belongs to another process"), other.detail());
    assertEquals("0", Files.readString(file).strip(), "the newcomer is left alone");

    ActionResult same = action.run(context(child, Map.of("value", "300"), start));
    assertEquals(ActionResult.Status.OK, same.status(), same.detail());
    assertEquals("300", Files.readString(file).strip());
  }

  @Test
  void signalIsNotSentToAProcessThatReusedThePid() throws Exception {
    Process child = children.sleep();
    long start = ProcessIdentity.startMillis(HOST, (int) child.pid()).orElseThrow();
    ActionResult result = new SignalProcessAction().run(context(child, Map.of("signal", "TERM"), start + 5_000));
    assertEquals(ActionResult.Status.TARGET_GONE, result.status(), result.detail());
    assertTrue(child.isAlive(), "no signal was sent");
  }
}
