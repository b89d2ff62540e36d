package dev.medic.probes.kmsg;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kernel records from {@code journalctl -k -o export}, for hosts where {@code /dev/kmsg} cannot be opened
 * (kernel.dmesg_restrict without CAP_SYSLOG, a container without the device). The export format
 * (https://systemd.io/JOURNAL_EXPORT_FORMATS/) is used rather than a text format because it carries the priority
 * and the kernel's own monotonic stamp ({@code _SOURCE_MONOTONIC_TIMESTAMP}), and because journald unescapes the
 * kernel's {@code \xNN}, so a message may hold a newline, which the format length-prefixes instead of breaking.
 * Sequence numbers are not exported: records have sequence -1. Only entries of {@code _TRANSPORT=kernel} and
 * the kernel facility are the kernel's own; others are marked as user space ({@link KmsgRecord#fromKernel()}).
 */
final class JournalStream implements KmsgStream {

  /** Fields larger than this are skipped unread: a kernel record is at most ~8 KiB. */
  private static final long MAX_FIELD = 1 << 20;

  private final Process process;
  private final InputStream in;
  private final ProbeMetrics metrics;

  private JournalStream(Process process, ProbeMetrics metrics) {
    this.process = process;
    this.in = new BufferedInputStream(process.getInputStream());
    this.metrics = metrics;
  }

  /**
   * {@code journalctl -k -o export --no-pager --lines=all} plus {@code -f} to follow and {@code -b} (the whole boot)
   * or {@code --since=now}; {@code --root=} when the host root is not {@code /} (a mounted host's journal).
   */
  static List<String> command(HostRoot root, boolean fromBoot, boolean follow) {
    List<String> command = new ArrayList<>(List.of("journalctl", "-k", "-o", "export", "--no-pager", "--lines=all"));
    if (!root.root().equals(Path.of("/"))) {
      command.add("--root=" + root.root());
    }
    if (follow) {
      command.add("-f");
    }
    command.add(fromBoot ? "-b" : "--since=now");
    return command;
  }

  /** Starts {@code command} (no shell); throws when the executable is missing or cannot run. */
  static JournalStream start(List<String> command, ProbeMetrics metrics) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectInput(ProcessBuilder.Redirect.from(HostRoot.NULL_DEVICE));
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    return new JournalStream(builder.start(), metrics);
  }

  @Override
  public KmsgRecord next() throws IOException {
    while (true) {
      Map<String, String> entry = readEntry();
      if (entry == null) {
        return null;
      }
      KmsgRecord record = toRecord(entry);
      if (record != null) {
        return record;
      }
      metrics.countSkippedRecord();
    }
  }

  static KmsgRecord toRecord(Map<String, String> entry) {
    String message = entry.get("MESSAGE");
    String stamp = entry.getOrDefault("_SOURCE_MONOTONIC_TIMESTAMP", entry.get("__MONOTONIC_TIMESTAMP"));
    Long micros = stamp == null ? null : parseLong(stamp);
    Long priority = parseLong(entry.getOrDefault("PRIORITY", "6"));
    if (message == null || micros == null || micros < 0 || priority == null) {
      return null;
    }
    // _TRANSPORT is a trusted field (journald sets it); a line a process wrote to /dev/kmsg also comes through the
    // kernel transport, with the facility it was written with
    Long facility = parseLong(entry.getOrDefault("SYSLOG_FACILITY", "0"));
    int from = "kernel".equals(entry.get("_TRANSPORT")) && facility != null && facility == KmsgRecord.KERNEL
        ? KmsgRecord.KERNEL : KmsgRecord.USER;
    return new KmsgRecord((int) (priority & 7), -1, micros, message, from);
  }

  /** One entry's fields, or null at the end of the output. */
  private Map<String, String> readEntry() throws IOException {
    Map<String, String> fields = new HashMap<>();
    while (true) {
      byte[] line = readLine();
      if (line == null) {
        return fields.isEmpty() ? null : fields;
      }
      if (line.length == 0) {
        if (!fields.isEmpty()) {
          return fields;
        }
        continue;
      }
      String text = new String(line, StandardCharsets.UTF_8);
      int eq = text.indexOf('=');
      if (eq > 0) {
        fields.put(text.substring(0, eq), text.substring(eq + 1));
        continue;
      }
      // binary field: the name alone on its line, a 64-bit little-endian length, the bytes, a newline
      byte[] size = in.readNBytes(8);
      if (size.length < 8) {
        return null;
      }
      long length = 0;
      for (int i = 7; i >= 0; i--) {
        length = (length << 8) | (size[i] & 0xff);
      }
      if (length < 0 || length > MAX_FIELD) {
        throw new IOException("journal export field " + text + " of " + length + " bytes");
      }
      byte[] value = in.readNBytes((int) length);
      in.read(); // the newline after the value
      fields.put(text, new String(value, StandardCharsets.UTF_8));
    }
  }

  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() >= MAX_FIELD) {
        throw new IOException("journal export line longer than " + MAX_FIELD + " bytes");
      }
      line.write(b);
    }
    return b < 0 && line.size() == 0 ? null : line.toByteArray();
  }

  private static Long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** journalctl's exit code, waiting up to {@code millis} for it to exit; null while it still runs. */
  Integer awaitExit(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
