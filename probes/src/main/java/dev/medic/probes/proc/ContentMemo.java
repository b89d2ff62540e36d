package dev.medic.probes.proc;

import dev.medic.probes.internal.KernelText;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The parse of one per-process file, kept per pid for as long as the file's bytes stay the same. Only for parses
 * that are pure functions of the content ({@link CgroupNames}): the file is still read every sweep and compared
 * byte for byte, so nothing can be stale; what is saved is decoding and parsing text that rarely changes.
 */
final class ContentMemo<V> {

  private record Entry<V>(byte[] content, V value) {}

  private final Function<String, V> parse;
  private final Map<Integer, Entry<V>> entries = new HashMap<>();

  ContentMemo(Function<String, V> parse) {
    this.parse = parse;
  }

  /** The parse of {@code b[0, length)}, the file as read for {@code pid} just now. */
  V get(int pid, byte[] b, int length) {
    Entry<V> e = entries.get(pid);
    if (e != null && Arrays.equals(e.content(), 0, e.content().length, b, 0, length)) {
      return e.value();
    }
    V value = parse.apply(KernelText.string(b, 0, length));
    entries.put(pid, new Entry<>(Arrays.copyOf(b, length), value));
    return value;
  }

  /** Forgets the pids not in {@code pids} (exited processes), so the memo does not grow with pid churn. */
  void retain(Set<Integer> pids) {
    entries.keySet().retainAll(pids);
  }
}
