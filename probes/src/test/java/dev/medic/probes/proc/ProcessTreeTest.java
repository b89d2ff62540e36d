package dev.medic.probes.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.medic.probes.facts.ProcessSample;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ProcessTree}. */
class ProcessTreeTest {

  /** An ssh session running a hog, a kernel thread, an orphan whose parent exited mid-sweep, and a ppid cycle. */
  static final ProcessTree TREE = new ProcessTree(List.of(
      p(1, 0, "systemd"),
      p(2, 0, "kthreadd"),
      p(50, 2, "kworker/0:1"),
      p(900, 1, "sshd"),
      p(1010, 900, "sshd"),
      p(1019, 1010, "bash"),
      p(4321, 1019, "hog"),
      p(4323, 4321, "hog-worker"),
      p(4322, 4321, "hog-worker"),
      p(7000, 6999, "orphan"),
      p(8000, 8001, "a"),
      p(8001, 8000, "b"),
      p(9000, 9000, "self-parent")));

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "4321 | hog(4321) ← bash(1019) ← sshd(1010) ← sshd(900) ← systemd(1) | 1019 1010 900 1 | 4322 4323",
        "4322 | hog-worker(4322) ← hog(4321) ← bash(1019) ← sshd(1010) ← sshd(900) ← systemd(1)"
            + " | 4321 1019 1010 900 1 | ''",
        "1    | systemd(1)                       | ''      | 900",
        "2    | kthreadd(2)                      | ''      | 50",
        "50   | kworker/0:1(50) ← kthreadd(2)    | 2       | ''",
        "7000 | orphan(7000) ← ?(6999)           | ''      | ''", // its parent exited between reads
        "8000 | a(8000) ← b(8001)                | 8001    | 8001", // a cycle stops where it started
        "8001 | b(8001) ← a(8000)                | 8000    | 8000",
        "9000 | self-parent(9000)                | ''      | ''",
        "12345 | ?(12345)                        | ''      | ''", // not in this sweep
      })
  void chainAncestorsChildren(int pid, String chain, String ancestors, String children) {
    assertEquals(chain, TREE.chain(pid));
    assertEquals(pids(ancestors), TREE.ancestors(pid).stream().map(ProcessSample::pid).toList());
    assertEquals(pids(children), TREE.children(pid).stream().map(ProcessSample::pid).toList());
  }

  @Test
  void getAndEmptyTree() {
    assertEquals("hog", TREE.get(4321).comm());
    assertNull(TREE.get(4));
    ProcessTree empty = new ProcessTree(List.of());
    assertEquals(List.of(), empty.ancestors(1));
    assertEquals(List.of(), empty.children(0));
    assertEquals("?(1)", empty.chain(1));
  }

  @Test
  void childrenOfPidZeroAreTheRoots() {
    assertEquals(List.of(1, 2), TREE.children(0).stream().map(ProcessSample::pid).toList());
  }

  private static List<Integer> pids(String text) {
    return text.isBlank() ? List.of() : Arrays.stream(text.trim().split(" ")).map(Integer::valueOf).toList();
  }

  private static ProcessSample p(int pid, int ppid, String comm) {
    return new ProcessSample(1L, pid, ppid, comm, comm, 0, "S", 4096, 0L, "/", 0, 0, null, null, pid == 2 || ppid == 2);
  }
}
