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
  void statField_countsFromTheLastParenthesis() {
    String line = "77 (a) 9 10 (b) R 12 77 77 0 -1 4194560 111 0 222 0 0 0 0 0 20 0 1 0 9876 1 2 3\n";

    assertEquals(12, ProcFiles.statField(line, 4));
    assertEquals(4194560, ProcFiles.statField(line, 9));
    assertEquals(111, ProcFiles.statField(line, 10));
    assertEquals(222, ProcFiles.statField(line, 12));
    assertEquals(9876, ProcFiles.statField(line, 22));
  }

  @Test
  void statField_rejectsTheStateShortLinesAndNonNumbers() {
    assertThrows(IllegalArgumentException.class, () -> ProcFiles.statField("1 (init) S 0", 3));
    assertThrows(IllegalArgumentException.class, () -> ProcFiles.statField("1 (init) S 0", 10));
    assertThrows(IllegalArgumentException.class, () -> ProcFiles.statField("1 (init) S x", 4));
    assertThrows(IllegalArgumentException.class, () -> ProcFiles.statField("no parenthesis", 4));
  }

  @Test
  void statusNumber_readsTheFirstWordAfterTheKey() {
    String status = "Name:\tapp\nTgid:\t42\nVmRSS:\t    1234 kB\nVmRSSx:\t9 kB\nVmSwap:\tlots kB\n";

    assertEquals(42, ProcFiles.statusNumber(status, "Tgid"));
    assertEquals(1234, ProcFiles.statusNumber(status, "VmRSS"));
    assertEquals(-1, ProcFiles.statusNumber(status, "VmSwap"), "not a number");
    assertEquals(-1, ProcFiles.statusNumber(status, "RssAnon"), "missing");
  }

  @Test
  void printable_escapesEveryControlCharacter() {
    assertEquals("a\\nb\\rc\\x1b[31md\\x09e f", ProcFiles.printable("a\nb\rc\u001b[31md\te f"));
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
