package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ProcFiles}: the action-only helpers around the probes' readers. */
class ProcFilesTest {

  @TempDir Path tmp;

  @Test
  void printable_escapesEveryControlCharacter() {
    assertEquals("a\\nb\\rc\\x1b[31md\\x09e f", ProcFiles.printable("a\nb\rc\u001b[31md\te f"));
  }

  @Test
  void stat_andAlive_onAFixtureTree() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(5, "app", 1).file(7, "stat", "garbage")
        .file(6, "stat", "6 (dead) Z 1 6 6 0 -1 4194316 0 0 0 0 0 0 0 0 20 0 1 0 4242 0 0\n");

    assertTrue(ProcFiles.alive(proc.host, 5));
    assertFalse(ProcFiles.alive(proc.host, 6), "a zombie counts as gone");
    assertFalse(ProcFiles.alive(proc.host, 7));
    assertFalse(ProcFiles.alive(proc.host, 8));
  }

  @Test
  void cmdline_nulsBecomeSpacesAndNewlinesAreEscaped() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).file(5, "cmdline", "java\0-jar\0app.jar\0a\nb\0");

    assertEquals("java -jar app.jar a\\nb", ProcFiles.cmdline(proc.host, 5));
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
