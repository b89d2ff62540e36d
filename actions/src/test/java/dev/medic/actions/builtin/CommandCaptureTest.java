package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for the command-based captures ({@link CapturePmapAction}, {@link CaptureLsofAction}) on a real child. */
class CommandCaptureTest {

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void pmap_ofALiveChild() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new CapturePmapAction().run(LiveChildren.live(child, Map.of(), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals(List.of("pmap.txt"), result.evidence());
    String pmap = Files.readString(bundle.dir().resolve("pmap.txt"));
    assertTrue(pmap.startsWith(child.pid() + ":"), pmap);
    assertTrue(pmap.contains("total"), pmap);
  }

  @Test
  void lsof_ofALiveChild() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new CaptureLsofAction().run(LiveChildren.live(child, Map.of(), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals(List.of("lsof.txt"), bundle.files());
    List<String> lines = Files.readAllLines(bundle.dir().resolve("lsof.txt"));
    assertTrue(lines.get(0).startsWith("COMMAND"), lines.get(0));
    assertTrue(lines.stream().skip(1).allMatch(l -> l.matches("sleep +" + child.pid() + " .*")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains(" cwd ")), lines.toString());
  }

  @Test
  void timeout_isTimedOutAndWritesNothing() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);
    ActionContext ctx =
        new ActionContext((int) child.pid(), LiveChildren.HOST, Map.of(), bundle, Duration.ofMillis(300));

    ActionResult result = new Fake("sleep", "30").run(ctx);

    assertEquals(ActionResult.Status.TIMED_OUT, result.status(), result.detail());
    assertEquals(List.of(), bundle.files());
  }

  @Test
  void failingToolOnALivePid_isFailedWithStderrsFirstLine() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result = new Fake("ls", "/no/such/medic").run(LiveChildren.live(child, Map.of(), bundle));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertTrue(result.detail().matches("ls exited [0-9]+: .*/no/such/medic.*"), result.detail());
    assertEquals(List.of(), bundle.files());
  }

  @Test
  void missingToolOnALivePid_isFailed() throws Exception {
    Process child = children.sleep();

    ActionResult result = new Fake("/nonexistent/medic-tool").run(LiveChildren.live(child, Map.of(),
        EvidenceBundle.open(tmp)));

    assertEquals(ActionResult.Status.FAILED, result.status());
    assertTrue(result.detail().startsWith("/nonexistent/medic-tool exited -1: cannot start"), result.detail());
  }

  @Test
  void failingToolAfterThePidWentAway_isTargetGone() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);
    Path started = tmp.resolve("started");
    Path go = tmp.resolve("go");
    // As if the target exited while the tool was reading it: the tool signals that it runs, waits for the
    // test to kill the target (by its handle), then fails.
    Fake fake = new Fake("sh", "-c", "touch " + started + "; while [ ! -e " + go + " ]; do sleep 0.01; done; exit 1");
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<ActionResult> running = executor.submit(() -> fake.run(LiveChildren.live(child, Map.of(), bundle)));
      while (!Files.exists(started)) {
        Thread.sleep(10);
      }
      child.destroyForcibly();
      child.waitFor();
      Files.createFile(go);

      ActionResult result = running.get(30, TimeUnit.SECONDS);

      assertEquals(ActionResult.Status.TARGET_GONE, result.status(), result.detail());
      assertEquals(List.of(), bundle.files());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void argvHasNoShellAndThePidAsOneArgument() {
    assertEquals(List.of("pmap", "-x", "42"), new CapturePmapAction().argv(42));
    assertEquals(List.of("lsof", "-n", "-P", "-p", "42"), new CaptureLsofAction().argv(42));
  }

  /** A capture running a given command, to drive each outcome of {@link CommandCapture} deterministically. */
  private static final class Fake extends CommandCapture {
    private final List<String> argv;

    Fake(String... argv) {
      this.argv = List.of(argv);
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    List<String> argv(int pid) {
      return argv;
    }

    @Override
    String evidenceFile() {
      return "fake.txt";
    }
  }
}
