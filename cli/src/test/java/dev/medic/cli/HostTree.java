package dev.medic.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The probes module's fixture hosts, copied so a test can change one without touching the shared tree. */
final class HostTree {

  /** Relative to the cli module, which is surefire's working directory. */
  static final Path V1_HOST = Path.of("../probes/src/test/resources/fixtures/cgroup-v1-host");

  private HostTree() {}

  static Path copyV1(Path target) throws IOException {
    try (Stream<Path> all = Files.walk(V1_HOST)) {
      for (Path p : all.toList()) {
        Path to = target.resolve(V1_HOST.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  static void write(Path root, String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** A copy of the fixture's pid 5000 ({@code java} in /process_api/abc) as {@code pid} named {@code comm}. */
  static void cloneJava(Path root, int pid, String comm) throws IOException {
    Path from = root.resolve("proc/5000");
    Path to = Files.createDirectories(root.resolve("proc/" + pid));
    for (String f : List.of("status", "cgroup", "cmdline", "oom_score", "oom_score_adj", "smaps_rollup")) {
      Files.copy(from.resolve(f), to.resolve(f));
    }
    String stat = Files.readString(from.resolve("stat"));
    Files.writeString(to.resolve("stat"), pid + " (" + comm + ")" + stat.substring(stat.lastIndexOf(')') + 1));
  }
}
