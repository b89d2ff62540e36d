package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.actions.EvidenceBundle;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state dir that is planted with links, full, read-only, deleted or too open: nothing is written through a link,
 * the agent keeps deciding, counts and reports, never a stack trace, never a dead agent. The full and read-only
 * cases mount a small tmpfs of their own (root only; skipped otherwise) and unmount it in every outcome.
 */
class StateDirHazardsTest {

  private static CompiledRunbooks pack;

  @BeforeAll
  static void compile() throws Exception {
    pack = CompiledRunbooks.load(List.of(Path.of("../runbooks")), ActionRegistry.builtin());
  }

  @Test
  void aTornTailIsSealedAtStart(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    try (FileJournal journal = FileJournal.open(file)) {
      journal.write(ErrorEvent.of(1, "one"));
      journal.write(ErrorEvent.of(2, "two"));
    }
    Files.writeString(file, "{\"event\":\"error\",\"at\":3,\"mess", java.nio.file.StandardOpenOption.APPEND);
    try (FileJournal journal = FileJournal.open(file)) {
      journal.write(ErrorEvent.of(4, "four"));
    }
    JournalReader.Contents read = JournalReader.readAll(file);
    assertEquals(List.of(), read.problems());
    List<JournalEvent> events = read.events();
    assertEquals(4, events.size(), events.toString());
    String sealed = assertInstanceOf(ErrorEvent.class, events.get(2)).message();
    assertTrue(sealed.startsWith("journal: sealed a torn last line at byte "), sealed);
    assertTrue(sealed.contains("{\"event\":\"error\",\"at\":3,\"mess"), sealed);
    assertEquals("four", ((ErrorEvent) events.get(3)).message());
  }

  @Test
  void plantedLinksAreRefusedAndNothingIsWrittenThere(@TempDir Path tmp) throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path victim = Files.writeString(outside.resolve("victim"), "untouched");
    Path state = Files.createDirectories(tmp.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));

    Files.createSymbolicLink(state.resolve("journal.jsonl"), victim);
    IOException journal = assertThrows(IOException.class, () -> FileJournal.open(state.resolve("journal.jsonl")));
    assertTrue(journal.getMessage().contains("symbolic link"), journal.getMessage());

    Files.createSymbolicLink(state.resolve("evidence"), outside);
    IOException root = assertThrows(IOException.class, () -> EvidenceBundle.open(state.resolve("evidence"), "i1"));
    assertTrue(root.getMessage().contains("symbolic link"), root.getMessage());
    Files.delete(state.resolve("evidence"));

    Path evidence = Files.createDirectories(state.resolve("evidence"));
    Files.createSymbolicLink(evidence.resolve("i2"), outside);
    assertThrows(IOException.class, () -> EvidenceBundle.open(evidence, "i2"));

    EvidenceBundle bundle = EvidenceBundle.open(evidence, "i3");
    Files.createSymbolicLink(bundle.dir().resolve("identity.txt"), victim);
    assertThrows(IOException.class, () -> bundle.write("identity.txt", "planted"));
    Files.createLink(bundle.dir().resolve("hard.txt"), victim);
    IOException hard = assertThrows(IOException.class, () -> bundle.write("hard.txt", "planted"));
    assertTrue(hard.getMessage().contains("hard links"), hard.getMessage());
    Files.createSymbolicLink(bundle.dir().resolve(EvidenceBundle.MANIFEST), victim);
    assertThrows(IOException.class, () -> EvidenceBundle.open(evidence, "i3"));

    assertEquals("untouched", Files.readString(victim));
    try (Stream<Path> files = Files.list(outside)) {
      assertEquals(List.of(victim), files.toList(), "nothing created outside");
    }
  }

  @Test
  void aStateDirThatIsALinkOpenOrNotOursIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    assertOneLine(assertThrows(IOException.class, () -> FileJournal.open(link.resolve("journal.jsonl"))),
        "is a symbolic link");
    Path open = Files.createDirectories(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertOneLine(assertThrows(IOException.class, () -> FileJournal.open(open.resolve("journal.jsonl"))),
        "writable by its group or others");
    Assumptions.assumeTrue(isRoot(), "chown needs root");
    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.setAttribute(foreign, "unix:uid", 65534);
    assertOneLine(assertThrows(IOException.class, () -> FileJournal.open(foreign.resolve("journal.jsonl"))),
        "is owned by uid 65534");
    assertFalse(Files.exists(foreign.resolve("journal.jsonl")));
  }

  @Test
  void aStateDirDeletedDuringARunIsNoticedAndRecreated(@TempDir Path tmp) throws Exception {
    Path state = tmp.resolve("state");
    try (Agent agent = agent(state)) {
      awaitSweeps(agent, 2);
      deleteTree(state);
      long after = agent.sweeps();
      awaitSweeps(agent, after + 3);
      assertTrue(agent.metrics().count("medic.state.vanished") >= 1, agent.metrics().snapshot().toString());
      assertTrue(Files.isDirectory(state), "recreated");
    }
    JournalReader.Contents read = JournalReader.readAll(state.resolve("journal.jsonl"));
    assertEquals(List.of(), read.problems());
    assertTrue(read.events().stream().anyMatch(e -> e instanceof ErrorEvent err
        && err.message().contains("vanished")), read.events().toString());
  }

  @Test
  void aFullStateDirKeepsTheAgentDecidingAndWholeLines(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(isRoot(), "mounting a tmpfs needs root");
    Path mount = Files.createDirectories(tmp.resolve("mnt"));
    tmpfs(mount, "size=64k");
    try {
      Path state = mount.resolve("state");
      Agent agent = agent(state);
      try (agent) {
        fill(mount);
        long before = agent.sweeps();
        awaitSweeps(agent, before + 3);
        assertTrue(agent.metrics().count("medic.sweeps") >= before + 3, "still sweeping");
      }
      // writing on until the disk refuses: every failed write is counted and cut back to whole lines
      try (FileJournal journal = FileJournal.open(state.resolve("journal.jsonl"))) {
        for (int i = 0; i < 100; i++) {
          journal.write(ErrorEvent.of(i, "x".repeat(1000)));
        }
        assertTrue(journal.failures() > 0, "the disk is full");
      }
      byte[] journal = Files.readAllBytes(state.resolve("journal.jsonl"));
      assertTrue(journal.length == 0 || journal[journal.length - 1] == '\n', "no torn line on a full disk");
      assertEquals(List.of(), JournalReader.readAll(state.resolve("journal.jsonl")).problems());
    } finally {
      run("umount", mount.toString());
    }
  }

  /**
   * A read-only file system is mounted over the running agent's state dir (a remount would be refused while the
   * journal is open for writing): the journal has vanished and the state dir cannot be made again, which the
   * agent says on every sweep while it keeps deciding; a start on it is one clear line.
   */
  @Test
  void aStateDirTurnedReadOnlyKeepsTheAgentDeciding(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(isRoot(), "mounting a tmpfs needs root");
    Path mount = Files.createDirectories(tmp.resolve("mnt"));
    tmpfs(mount, "size=1m");
    boolean readOnlyOnTop = false;
    try {
      Path state = mount.resolve("state");
      try (Agent agent = agent(state)) {
        awaitSweeps(agent, 1);
        tmpfs(mount, "ro,size=64k");
        readOnlyOnTop = true;
        long before = agent.sweeps();
        awaitSweeps(agent, before + 3);
        assertTrue(agent.metrics().count("medic.state.vanished") >= 2, "said on every sweep");
      }
      IOException e = assertThrows(IOException.class, () -> agent(state).close());
      assertOneLine(e, "Read-only file system");
      run("umount", mount.toString());
      readOnlyOnTop = false;
      assertEquals(List.of(), JournalReader.readAll(state.resolve("journal.jsonl")).problems());
    } finally {
      if (readOnlyOnTop) {
        run("umount", mount.toString());
      }
      run("umount", mount.toString());
    }
  }

  private static Agent agent(Path state) throws IOException {
    MedicConfig config = MedicConfig.defaults(List.of(Path.of("../runbooks"))).withStateDir(state)
        .withInterval(Duration.ofMillis(100));
    return new Agent(config, pack, Optional.empty(), null);
  }

  private static void awaitSweeps(Agent agent, long n) throws InterruptedException {
    for (int i = 0; i < 300 && agent.sweeps() < n; i++) {
      Thread.sleep(50);
    }
    assertTrue(agent.sweeps() >= n, "the agent swept " + agent.sweeps() + " times, wanted " + n);
  }

  private static void assertOneLine(IOException e, String contains) {
    assertTrue(e.getMessage().contains(contains), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }

  private static void fill(Path mount) throws IOException {
    try (var out = Files.newOutputStream(mount.resolve("filler-" + UUID.randomUUID()))) {
      byte[] block = new byte[1024];
      for (int i = 0; i < 1024; i++) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // full: what we wanted
    }
  }

  private static void tmpfs(Path at, String options) throws Exception {
    run("mount", "-t", "tmpfs", "-o", options + ",mode=0700", "medic-t-" + UUID.randomUUID(), at.toString());
  }

  private static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
  }

  private static boolean isRoot() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
