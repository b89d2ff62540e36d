package dev.medic.probes.kmsg;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.WarnOnce;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Records from {@code /dev/kmsg}, or from a regular file holding a dump of it (fixtures, a copied log).
 *
 * <p>The two are read differently, and the difference is the point of this class. On the <b>device</b> each
 * {@code read(2)} returns exactly one whole record (header, text, dictionary lines), blocks until a record exists,
 * fails with EINVAL when the buffer is smaller than the record (hence 16 KiB; a record is at most ~8 KiB), and
 * fails once with EPIPE when the kernel overwrote records this reader had not read yet, after which reading
 * continues at the oldest record still buffered. A <b>regular file</b> returns as many bytes as fit, so it is read
 * line by line: a line starting with a space continues the previous record (a dictionary line), any other
 * non-blank line starts a new one; the end of the file is the end of the stream (a dump is not followed).
 */
final class DeviceStream implements KmsgStream {

  static final int RECORD_BUFFER = 16 * 1024;
  /** Consecutive read errors after which the device is given up: an error that repeats would otherwise spin. */
  private static final int MAX_CONSECUTIVE_ERRORS = 16;

  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce;
  private final FileChannel device;
  private final BufferedReader file;
  private final ByteBuffer buffer;
  private String lookahead;
  private int errors;

  private DeviceStream(ProbeMetrics metrics, WarnOnce warnOnce, FileChannel device, BufferedReader file) {
    this.metrics = metrics;
    this.warnOnce = warnOnce;
    this.device = device;
    this.file = file;
    this.buffer = device == null ? null : ByteBuffer.allocate(RECORD_BUFFER);
  }

  /** Opens {@code path}; fails (EPERM under kernel.dmesg_restrict, ENOENT) so the caller can fall back. */
  static DeviceStream open(Path path, ProbeMetrics metrics, WarnOnce warnOnce) throws IOException {
    if (Files.isRegularFile(path)) {
      // InputStreamReader replaces malformed UTF-8 instead of throwing as Files.newBufferedReader would
      return new DeviceStream(metrics, warnOnce, null,
          new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8)));
    }
    // a FileChannel, unlike FileInputStream, can be closed by another thread while read(2) blocks in it
    return new DeviceStream(metrics, warnOnce, FileChannel.open(path, StandardOpenOption.READ), null);
  }

  /** True for the kmsg device (one record per read, follows the log), false for a regular file. */
  boolean isDevice() {
    return device != null;
  }

  @Override
  public KmsgRecord next() throws IOException {
    while (true) {
      String raw = device != null ? readDevice() : readFile();
      if (raw == null) {
        return null;
      }
      Optional<KmsgRecord> record = KmsgRecord.parse(raw);
      if (record.isPresent()) {
        return record.get();
      }
      metrics.countSkippedRecord();
    }
  }

  /** One record per read(2); null once the channel was closed. */
  private String readDevice() throws IOException {
    while (true) {
      buffer.clear();
      int n;
      try {
        n = device.read(buffer);
      } catch (ClosedChannelException e) {
        return null; // closed by close(), possibly from another thread while blocked
      } catch (IOException e) {
        boolean overwritten = String.valueOf(e.getMessage()).contains("Broken pipe");
        if (++errors > MAX_CONSECUTIVE_ERRORS) {
          throw e;
        }
        if (overwritten) {
          metrics.countSkippedRecord();
          warnOnce.warn("kmsg-epipe", "kernel log records were overwritten before they were read; continuing");
        } else {
          metrics.countFailedRead();
          warnOnce.warn("kmsg-read", "reading kmsg failed, retrying: {}", e.toString());
        }
        continue;
      }
      if (n < 0) {
        return null;
      }
      if (n == 0 && ++errors > MAX_CONSECUTIVE_ERRORS) {
        throw new IOException("kmsg keeps returning empty reads");
      }
      if (n > 0) {
        errors = 0;
      }
      return new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
    }
  }

  /** The next record of a dump: its header line plus the continuation lines after it. */
  private String readFile() throws IOException {
    String line = lookahead != null ? lookahead : file.readLine();
    lookahead = null;
    while (line != null && (line.isBlank() || line.startsWith(" "))) {
      if (!line.isBlank()) {
        metrics.countSkippedRecord(); // a dictionary line without the record it belonged to
      }
      line = file.readLine();
    }
    if (line == null) {
      return null;
    }
    StringBuilder raw = new StringBuilder(line);
    String next;
    while ((next = file.readLine()) != null && next.startsWith(" ")) {
      raw.append('\n').append(next);
    }
    lookahead = next;
    return raw.toString();
  }

  @Override
  public void close() throws IOException {
    if (device != null) {
      device.close();
    } else {
      file.close();
    }
  }
}
