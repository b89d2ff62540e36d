package dev.medic.probes.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One reusable buffer for reading small kernel files whole, for the per-process loop, which reads thousands of
 * them a sweep. {@link KernelFiles#read} allocates a fresh 8 KiB array and a String per file (about 90 MB of garbage
 * a sweep at 1,000 processes); this keeps one direct buffer for the channel (so the JDK need not copy through its
 * own temporary one) and one array for the parsers, both grown only when a file is larger than any before.
 *
 * <p>Not thread-safe: one per reader, used by one sweep at a time. The bytes are valid until the next read.
 */
public final class ReadBuffer {

  private static final int INITIAL = 16 * 1024;

  private ByteBuffer direct = ByteBuffer.allocateDirect(INITIAL);
  private byte[] bytes = new byte[INITIAL];
  private int length;

  /**
   * Reads the whole file. procfs reports size 0, so the size is not trusted; a read that returns less than the
   * room left is taken as the end, as procps's file2str does. That holds for the files this is for, which the
   * kernel prints whole on the first read: single-record seq_files ({@code stat}, {@code status}, {@code cgroup},
   * {@code oom_score}, {@code smaps_rollup}, {@code limits}: the record is grown until it fits), buffer reads
   * ({@code oom_score_adj}) and {@code cmdline} (copied until the buffer is full or the arguments end); and a
   * regular file (a fixture tree) is read short only at its end. It does NOT hold for multi-record seq_files
   * ({@code smaps}, {@code maps}, {@code mountinfo}), which come about a page at a time: read those with
   * {@link KernelFiles#read}. Saves the read() that would return 0, one system call in four of the process loop.
   *
   * @return the number of bytes read, also {@link #length()}
   */
  public int read(Path file) throws IOException {
    return read(file, Integer.MAX_VALUE);
  }

  /** At most {@code maxBytes} of the file, for files a process controls the size of (cmdline). */
  public int read(Path file, int maxBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      direct.clear();
      int total = 0;
      while (total < maxBytes) {
        if (!direct.hasRemaining()) {
          grow();
        }
        direct.limit(Math.min(direct.capacity(), maxBytes));
        int room = direct.remaining();
        int n = channel.read(direct);
        if (n < 0) {
          break;
        }
        total += n;
        if (n < room) {
          break; // short read: the end (see above)
        }
      }
      length = total;
      direct.flip();
      direct.get(bytes, 0, total);
      return total;
    }
  }

  private void grow() {
    // a file larger than the buffer (cmdline of a long command line, status on a many-CPU host): double both
    ByteBuffer bigger = ByteBuffer.allocateDirect(direct.capacity() * 2);
    direct.flip();
    bigger.put(direct);
    direct = bigger;
    bytes = new byte[bigger.capacity()];
  }

  /** The bytes of the last read, {@code [0, length())}. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  /** The last read as text (UTF-8, as {@link KernelFiles#read}), for error messages and rarely-read files. */
  public String text() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
