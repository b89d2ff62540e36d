package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link IdentityCache} and {@link ContentMemo}. */
class IdentityCacheTest {

  private final IdentityCache<String> cache = new IdentityCache<>(60_000);

  @Test
  void reusedForTheSameProcessWithinTheAgeBound() {
    cache.put(40, 500L, "app", 1_000, "v1");
    assertEquals("v1", cache.get(40, 500L, "app", 1_000));
    assertEquals("v1", cache.get(40, 500L, "app", 60_999));
    assertNull(cache.get(40, 500L, "app", 61_000), "60 s old: read again");
  }

  @Test
  void anotherProcessWithTheSamePidIsNeverServed() {
    cache.put(40, 500L, "app", 1_000, "v1");
    assertNull(cache.get(40, 9_000L, "app", 1_001), "a reused pid: another start time");
    assertNull(cache.get(40, 500L, "other", 1_001), "an exec: same pid and start, another comm");
    assertNull(cache.get(41, 500L, "app", 1_001));
    assertNull(cache.get(40, null, "app", 1_001), "no start time: no identity");
  }

  @Test
  void clockGoingBackAndUnknownStartTimesAreNotCached() {
    cache.put(40, 500L, "app", 10_000, "v1");
    assertNull(cache.get(40, 500L, "app", 9_999));
    cache.put(40, null, "app", 10_000, "v2");
    assertNull(cache.get(40, 500L, "app", 10_000), "the entry of pid 40 went with the start-less put");
  }

  @Test
  void retainForgetsExitedProcesses() {
    cache.put(40, 500L, "a", 1_000, "v40");
    cache.put(41, 500L, "b", 1_000, "v41");
    cache.retain(Set.of(41));
    assertNull(cache.get(40, 500L, "a", 1_001));
    assertEquals("v41", cache.get(41, 500L, "b", 1_001));
  }

  @Test
  void contentMemoParsesOnlyChangedContent() {
    int[] parses = {0};
    ContentMemo<String> memo = new ContentMemo<>(s -> {
      parses[0]++;
      return s.trim();
    });
    byte[] a = "0::/a\n".getBytes(StandardCharsets.UTF_8);
    byte[] longer = "0::/a\n0::/b\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("0::/a", memo.get(7, a, a.length));
    assertEquals("0::/a", memo.get(7, longer, a.length), "same bytes in a larger buffer");
    assertEquals(1, parses[0]);
    assertEquals("0::/a\n0::/b", memo.get(7, longer, longer.length), "moved to another cgroup");
    assertEquals("0::/a", memo.get(8, a, a.length), "per pid");
    assertEquals(3, parses[0]);
    memo.retain(Set.of(8));
    memo.get(7, a, a.length);
    assertEquals(4, parses[0]);
  }
}
