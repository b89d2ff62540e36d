package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.SwapDevice;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.WarnOnce;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/swaps} (the active swap areas, {@code swapon --show}) into {@link SwapDevice}s.
 *
 * <pre>
 * Filename                                Type            Size            Used            Priority
 * /dev/nvme0n1p3                          partition       8388604         524288          -2
 * /var/lib/swap\040file                   file            2097148         0               10
 * </pre>
 *
 * <p>Sizes are kB. The kernel pads the filename with spaces and separates the other fields with tabs; it writes
 * space, tab, newline and backslash in the filename as octal escapes ({@code \040}), so the line splits on
 * whitespace and the name is unescaped afterwards. A swap file deleted while in use shows as
 * {@code /swapfile (deleted)}. A host without active swap has only the header line.
 */
public final class SwapsReader {

  private static final Logger LOG = LoggerFactory.getLogger(SwapsReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  public SwapsReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** One device per active swap area in the kernel's order; empty without swap or without the file (warned once). */
  public List<SwapDevice> read(long timestamp) {
    String content;
    try {
      content = KernelFiles.read(root.proc("swaps"));
    } catch (NoSuchFileException e) {
      if (warnOnce.warn("missing", "{} does not exist (CONFIG_SWAP=n?): no swap facts", root.proc("swaps"))) {
        metrics.countMissingSource();
      }
      return List.of();
    } catch (IOException e) {
      metrics.countFailedRead();
      warnOnce.warn("read", "cannot read {}: {}", root.proc("swaps"), e.toString());
      return List.of();
    }
    return parse(content, timestamp, metrics);
  }

  /** The header and blank lines are ignored; any other line that does not parse is counted and left out. */
  static List<SwapDevice> parse(String content, long timestamp, ProbeMetrics metrics) {
    List<SwapDevice> devices = new ArrayList<>();
    for (String line : content.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (line.isBlank() || parts[0].equals("Filename")) {
        continue;
      }
      SwapDevice device = parts.length >= 5 ? device(parts, timestamp) : null;
      if (device == null) {
        metrics.countSkippedRecord();
      } else {
        devices.add(device);
      }
    }
    return devices;
  }

  /** {@code [name…, type, size, used, priority]}; null when a field is malformed. */
  private static SwapDevice device(String[] parts, long timestamp) {
    int n = parts.length;
    String kind = parts[n - 4];
    // sizes are bare kB counts: kbToBytes brings the range and overflow checks
    Long size = KernelFiles.kbToBytes(parts[n - 3] + " kB");
    Long used = KernelFiles.kbToBytes(parts[n - 2] + " kB");
    Long priority = KernelFiles.parseLongOrNull(parts[n - 1]);
    if (!(kind.equals("partition") || kind.equals("file")) || size == null || used == null || priority == null
        || priority < Integer.MIN_VALUE || priority > Integer.MAX_VALUE) {
      return null;
    }
    String device = unescape(String.join(" ", Arrays.copyOfRange(parts, 0, n - 4)));
    double usedPercent = size == 0 ? 0.0 : KernelFiles.percent(used, size);
    return new SwapDevice(timestamp, device, kind, size, used, usedPercent, priority.intValue());
  }

  /** Undoes the kernel's {@code \ooo} octal escapes (seq_file's mangle_path); the bytes are read as UTF-8. */
  static String unescape(String escaped) {
    if (escaped.indexOf('\\') < 0) {
      return escaped;
    }
    byte[] bytes = escaped.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\\' && i + 3 < bytes.length && bytes[i + 1] >= '0' && bytes[i + 1] <= '3'
          && isOctal(bytes[i + 2]) && isOctal(bytes[i + 3])) {
        out.write(((bytes[i + 1] - '0') << 6) | ((bytes[i + 2] - '0') << 3) | (bytes[i + 3] - '0'));
        i += 3;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte b) {
    return b >= '0' && b <= '7';
  }
}
