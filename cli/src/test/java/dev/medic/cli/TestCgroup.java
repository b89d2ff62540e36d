package dev.medic.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A memory cgroup the test creates under the host's memory hierarchy (v1 or v2) with a hard limit, and removes in
 * every outcome. Its name is unique so parallel runs and leftovers never collide.
 */
final class TestCgroup implements AutoCloseable {

  final Path dir;
  final String name;
  final int version;

  private TestCgroup(Path dir, String name, int version) {
    this.dir = dir;
    this.name = name;
    this.version = version;
  }

  /** Creates {@code /medic-e2e-<random>} with the given limit, under the v1 memory hierarchy or the v2 root. */
  static TestCgroup create(Path hierarchy, int version, long limitBytes) throws IOException {
    String name = "medic-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir = hierarchy.resolve(name);
    Files.createDirectory(dir);
    TestCgroup cg = new TestCgroup(dir, name, version);
    try {
      Files.writeString(dir.resolve(version == 1 ? "memory.limit_in_bytes" : "memory.max"), Long.toString(limitBytes));
    } catch (IOException e) {
      cg.close();
      throw e;
    }
    return cg;
  }

  Path usageFile() {
    return dir.resolve(version == 1 ? "memory.usage_in_bytes" : "memory.current");
  }

  void add(long pid) throws IOException {
    Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
  }

  /** rmdir succeeds once the cgroup has no tasks; the kernel may need a moment after the last one exits. */
  @Override
  public void close() throws IOException {
    IOException last = null;
    for (int i = 0; i < 100 && Files.exists(dir); i++) {
      try {
        Files.delete(dir);
        return;
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (Files.exists(dir) && last != null) {
      throw last;
    }
  }
}
