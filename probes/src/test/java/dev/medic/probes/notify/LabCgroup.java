package dev.medic.probes.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A v1 memory cgroup a test made ({@code medic-t-<random>} under the host's memory hierarchy, with a hard limit),
 * removed in every outcome once its tasks are gone.
 */
final class LabCgroup implements AutoCloseable {

  static final Path V1 = Path.of("/sys/fs/cgroup/memory");

  final Path dir;
  final String scope;

  private LabCgroup(Path dir) {
    this.dir = dir;
    this.scope = "/" + dir.getFileName();
  }

  /** Whether this host can host one: root, and a v1 memory hierarchy with thresholds. */
  static boolean available() {
    return "root".equals(System.getProperty("user.name")) && Files.isWritable(V1.resolve("cgroup.event_control"));
  }

  static LabCgroup create(long limitBytes) throws IOException {
    Path dir = V1.resolve("medic-t-" + UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectory(dir);
    LabCgroup cg = new LabCgroup(dir);
    try {
      Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(limitBytes));
    } catch (IOException e) {
      cg.close();
      throw e;
    }
    return cg;
  }

  Path usageFile() {
    return dir.resolve("memory.usage_in_bytes");
  }

  /**
   * {@code tail /dev/zero} (no newline ever comes, so tail buffers all it reads) in this cgroup: it joins through
   * {@code sh -c 'echo $$ > cgroup.procs; exec tail'} so the filler itself is the task the kernel kills.
   */
  Process startFiller() throws IOException {
    return new ProcessBuilder("sh", "-c", "echo $$ > \"$1\" && exec tail /dev/zero", "sh",
        dir.resolve("cgroup.procs").toString()).redirectErrorStream(true).start();
  }

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
          Thread.sleep(50);
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
