package dev.medic.actions.builtin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fake {@code /proc} tree in a temp dir (oomd's Fixture::materialize idea). */
final class ProcFixture {

  final Path root;

  ProcFixture(Path root) {
    this.root = root;
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
