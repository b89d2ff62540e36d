package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link ProcFiles}. */
class ProcFilesTest {

  @TempDir Path tmp;

  @Test
  void parseStat_commWithSpacesAndParentheses() {
    ProcFiles.Stat stat = ProcFiles.parseStat("77 (evil) 1 (x y) R 12 77 77 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 9876 "
        + "1 2 3\n");

    assertEquals(new ProcFiles.Stat(77, "evil) 1 (x y", 'R', 12, 9876), stat);
  }

  @Test
  void parseStat_shortFixtureLineHasNoStartTime() {
    assertEquals(new ProcFiles.Stat(1, "init", 'S', 0, -1), ProcFiles.parseStat("1 (init) S 0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12 init S 0", "12 (init)", "12 (init) S", "12 (init) S x", "x (init) S 1"})
  void parseStat_rejectsBrokenLines(String line) {
    assertThrows(IllegalArgumentException.class, () -> ProcFiles.parseStat(line));
  }

  @Test
  void stat_andAlive_onAFixtureTree() throws Exception {
    new ProcFixture(tmp).process(5, "app", 1).file(6, "stat", "6 (dead) Z 1 0").file(7, "stat", "garbage");

    assertTrue(ProcFiles.alive(tmp, 5));
    assertFalse(ProcFiles.alive(tmp, 6), "a zombie counts as gone");
    assertFalse(ProcFiles.alive(tmp, 7));
    assertFalse(ProcFiles.alive(tmp, 8));
  }

  @Test
  void cmdline_nulsBecomeSpacesAndNewlinesAreEscaped() {
    byte[] raw = "java\0-jar\0app.jar\0a\nb\0".getBytes(StandardCharsets.UTF_8);

    assertEquals("java -jar app.jar a\\nb", ProcFiles.cmdline(raw));
  }

  @Test
  void withTimeout_abandonsAStuckRead() {
    CountDownLatch never = new CountDownLatch(1);

    assertThrows(TimeoutException.class, () -> ProcFiles.withTimeout(Duration.ofMillis(100), () -> {
      never.await();
      return "unreachable";
    }));
  }
}
