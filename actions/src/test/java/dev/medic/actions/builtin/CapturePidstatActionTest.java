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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link CapturePidstatAction}, on real children and on fixture trees. */
class CapturePidstatActionTest {

  private static final String HEADER = "time_ms,rss_kb,swap_kb,rss_anon_kb,minflt_per_s,majflt_per_s";

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();
  private final CapturePidstatAction action = new CapturePidstatAction();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void liveChild_oneRowPerSampleAndRatesFromTheSecondOn() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);

    ActionResult result =
        action.run(LiveChildren.live(child, Map.of("samples", "3", "interval", "100ms"), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals("memory of pid " + child.pid() + ": 3 of 3 samples every 100ms", result.detail());
    assertEquals(List.of("pidstat.csv"), result.evidence());
    List<String> lines = Files.readAllLines(bundle.dir().resolve("pidstat.csv"));
    assertEquals(4, lines.size(), lines.toString());
    assertEquals(HEADER, lines.get(0));
    String[] first = lines.get(1).split(",", -1);
    assertEquals(6, first.length, lines.get(1));
    assertTrue(Long.parseLong(first[1]) > 0, "rss of a live sleep: " + lines.get(1));
    assertEquals("", first[4], "no rate without a previous sample");
    assertEquals("", first[5]);
    long firstTime = Long.parseLong(first[0]);
    for (int i = 1; i <= 2; i++) {
      String line = lines.get(i + 1);
      String[] cells = line.split(",", -1);
      assertTrue(cells[4].matches("[0-9]+\\.[0-9]{2}") && cells[5].matches("[0-9]+\\.[0-9]{2}"), line);
      // samples are due at fixed times from the first (a late one does not delay the rest), never early; the
      // wall clock in the file may step a few ms against the monotonic clock that schedules them
      assertTrue(Long.parseLong(cells[0]) - firstTime >= i * 100L - 10, "sample " + i + " not early: " + lines);
    }
  }

  @Test
  void fixture_valuesFromStatusAndStatAndEmptyCellsForMissingOnes() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc"))
        .file(42, "stat", statLine(42, "my app) R (x", 1000, 7))
        // no RssAnon: kernel < 4.5
        .file(42, "status", "Name:\tapp\nUid:\t0\t0\t0\t0\nVmRSS:\t  2048 kB\nVmSwap:\t     16 kB\n");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));
    ActionContext ctx = new ActionContext(42, proc.host, Map.of("samples", "2", "interval", "100ms"), bundle,
        Duration.ofSeconds(5));

    ActionResult result = action.run(ctx);

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    List<String> lines = Files.readAllLines(bundle.dir().resolve("pidstat.csv"));
    assertTrue(lines.get(1).matches("[0-9]+,2048,16,,,"), lines.get(1));
    assertTrue(lines.get(2).matches("[0-9]+,2048,16,,0\\.00,0\\.00"), lines.get(2));
  }

  @Test
  void row_ratesAreDeltasPerSecond() {
    var before = new CapturePidstatAction.Sample(0, 1000, 100, 0, 80, 1000, 10, 5);
    var after = new CapturePidstatAction.Sample(500_000_000L, 1500, 300, 4, 280, 1500, 13, 5);

    assertEquals("1500,300,4,280,1000.00,6.00", CapturePidstatAction.row(before, after));
    assertEquals("1000,100,0,80,,", CapturePidstatAction.row(null, before));
  }

  @Test
  void processExitingMidway_isOkWithTheRowsSoFar() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<ActionResult> running = executor.submit(() ->
          action.run(LiveChildren.live(child, Map.of("samples", "100", "interval", "100ms"), bundle)));
      Thread.sleep(450);
      child.destroyForcibly();
      child.waitFor();

      ActionResult result = running.get(30, TimeUnit.SECONDS);

      assertEquals(ActionResult.Status.OK, result.status(), result.detail());
      assertTrue(result.detail().contains("; the process exited after "), result.detail());
      int rows = Files.readAllLines(bundle.dir().resolve("pidstat.csv")).size() - 1;
      assertTrue(rows >= 1 && rows < 100, "rows: " + rows);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void samplingStopsAtTheTimeout() throws Exception {
    Process child = children.sleep();
    EvidenceBundle bundle = EvidenceBundle.open(tmp);
    ActionContext ctx = new ActionContext((int) child.pid(), LiveChildren.HOST,
        Map.of("samples", "600", "interval", "100ms"), bundle, Duration.ofMillis(500));
    long start = System.nanoTime();

    ActionResult result = action.run(ctx);

    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertTrue(result.detail().endsWith("; stopped at the 500ms time limit"), result.detail());
    assertTrue(tookMs < 1500, "took " + tookMs + " ms");
    int rows = Files.readAllLines(bundle.dir().resolve("pidstat.csv")).size() - 1;
    assertTrue(rows >= 1 && rows <= 5, "rows: " + rows);
  }

  @Test
  void zombieAtTheStart_isGone() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).file(5, "stat", "5 (dead) Z 1").file(5, "status", "");
    ActionContext ctx = new ActionContext(5, proc.host, Map.of(), EvidenceBundle.open(tmp.resolve("b")),
        Duration.ofSeconds(5));

    assertEquals(ActionResult.Status.TARGET_GONE, action.run(ctx).status());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "interval | 50ms  | parameter 'interval' must be from 100ms to 10s, got 50ms",
      "interval | 11s   | parameter 'interval' must be from 100ms to 10s, got 11s",
      "interval | 1     | parameter 'interval' must be a duration such as 500ms, 2s or 1m, got '1'",
      "samples  | 0     | parameter 'samples' must be from 1 to 600, got 0",
      "samples  | 601   | parameter 'samples' must be from 1 to 600, got 601",
      "samples  | ten   | parameter 'samples' must be an integer from 1 to 600, got 'ten'"})
  void validate_problems(String key, String value, String problem) {
    Map<String, String> params = new HashMap<>();
    params.put(key, value);
    assertEquals(List.of(problem), action.validate(params));
  }

  @Test
  void validate_defaultsAndBounds() {
    assertEquals(List.of(), action.validate(Map.of()));
    assertEquals(List.of(), action.validate(Map.of("interval", "100ms", "samples", "1")));
    assertEquals(List.of(), action.validate(Map.of("interval", "10s", "samples", "600")));
  }

  /** A full-length stat line with the given minflt (field 10) and majflt (field 12). */
  private static String statLine(int pid, String comm, long minflt, long majflt) {
    StringBuilder stat = new StringBuilder(pid + " (" + comm + ") S 1");
    for (int field = 5; field <= 52; field++) {
      stat.append(' ').append(field == 10 ? minflt : field == 12 ? majflt : field == 22 ? 4242 : 0);
    }
    return stat.append('\n').toString();
  }
}
