package dev.medic.actions.builtin;

import dev.medic.probes.HostRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a fake {@code /proc} tree in a temp dir (oomd's Fixture::materialize idea): {@link #root} is the
 * {@code proc} directory, {@link #host} the {@link HostRoot} above it that actions are given.
 */
final class ProcFixture {

  final Path root;
  final HostRoot host;

  /** @param root the fixture's {@code proc} directory, {@code <tmp>/proc} */
  ProcFixture(Path root) {
    if (!root.getFileName().toString().equals("proc")) {
      throw new IllegalArgumentException("a fixture proc directory is named proc: " + root);
    }
    this.root = root;
    this.host = new HostRoot(root.getParent());
  }

  /** Adds {@code <pid>/stat} with the given comm, state S, ppid and a full-length field list. */
  ProcFixture process(int pid, String comm, int ppid) throws IOException {
    StringBuilder stat = new StringBuilder(pid + " (" + comm + ") S " + ppid);
    for (int field = 5; field <= 52; field++) {
      stat.append(' ').append(field == 22 ? 4242 : 0);
    }
    return file(pid, "stat", stat.append('\n').toString());
  }

  ProcFixture file(int pid, String name, String content) throws IOException {
    Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)));
    Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  ProcFixture link(int pid, String name, String target) throws IOException {
    Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)));
    Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    return this;
  }
}
