package dev.medic.cli;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A memory hog for the end-to-end test, run as a child JVM. It waits until the test has moved it into its memory
 * cgroup, then allocates and touches off-heap memory (the GC never copies it, so the charge grows smoothly) until
 * the cgroup's usage reaches the target, and holds it until killed.
 *
 * <p>Arguments: the cgroup's name as it appears in {@code /proc/self/cgroup}, its usage file, the target in bytes.
 */
public final class Hog {

  private Hog() {}

  public static void main(String[] args) throws Exception {
    String cgroup = args[0];
    Path usage = Path.of(args[1]);
    long target = Long.parseLong(args[2]);
    long deadline = System.currentTimeMillis() + 30_000;
    while (!Files.readString(Path.of("/proc/self/cgroup")).contains(cgroup)) {
      if (System.currentTimeMillis() > deadline) {
        System.out.println("never moved into " + cgroup);
        System.exit(3);
      }
      Thread.sleep(20);
    }
    List<ByteBuffer> held = new ArrayList<>();
    byte[] page = new byte[4096];
    java.util.Arrays.fill(page, (byte) 0x5a);
    while (Long.parseLong(Files.readString(usage).trim()) < target) {
      ByteBuffer b = ByteBuffer.allocateDirect(2 << 20);
      while (b.remaining() >= page.length) {
        b.put(page);
      }
      held.add(b);
      Thread.sleep(5);
    }
    System.out.println("holding " + held.size() * 2 + " MiB");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
