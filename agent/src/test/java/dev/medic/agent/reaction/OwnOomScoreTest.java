package dev.medic.agent.reaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own OOM score: the value's bounds, and the write read back (on a fixture root). */
class OwnOomScoreTest {

  @Test
  void aValueIsAnIntegerWithinTheKernelsRange() {
    assertEquals(-900, OwnOomScore.parse(" -900 ", "x"));
    assertEquals(1000, OwnOomScore.parse("1000", "x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OwnOomScore.parse("-1001", "x"));
    assertEquals("x: oom_score_adj is -1000..1000, not -1001", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OwnOomScore.parse("low", "x"));
  }

  @Test
  void withoutThePropertyNothingIsConfigured() {
    String before = System.getProperty(OwnOomScore.PROPERTY);
    try {
      System.clearProperty(OwnOomScore.PROPERTY);
      assertTrue(OwnOomScore.configured().isEmpty());
      System.setProperty(OwnOomScore.PROPERTY, "-900");
      assertEquals(-900, OwnOomScore.configured().getAsInt());
      System.setProperty(OwnOomScore.PROPERTY, "-2000");
      assertThrows(IllegalArgumentException.class, OwnOomScore::configured);
    } finally {
      if (before == null) {
        System.clearProperty(OwnOomScore.PROPERTY);
      } else {
        System.setProperty(OwnOomScore.PROPERTY, before);
      }
    }
  }

  @Test
  void writesAndReadsBack(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("proc/self"));
    Files.writeString(tmp.resolve("proc/self/oom_score_adj"), "0\n");
    assertEquals(-500, OwnOomScore.apply(new HostRoot(tmp), -500));
    assertEquals("-500", Files.readString(tmp.resolve("proc/self/oom_score_adj")));
  }
}
