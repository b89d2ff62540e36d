package dev.medic.probes.sys.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the link state of one interface of the root namespace from {@code /sys/class/net/<iface>/}:
 * {@code operstate}, {@code carrier}, {@code mtu}, {@code speed}, {@code carrier_changes}; see
 * https://www.kernel.org/doc/Documentation/ABI/testing/sysfs-class-net. Each file is independent: one that is
 * missing or refused (the kernel answers EINVAL for {@code carrier} and {@code speed} of a link that is down) leaves
 * its field null.
 */
public final class SysClassNetReader {

  /** One interface's link state; each field null when its file could not be read or parsed. */
  public record Link(Boolean operUp, Boolean carrier, Long mtu, Long speedMbps, Long carrierChanges) {}

  private static final Logger LOG = LoggerFactory.getLogger(SysClassNetReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  public SysClassNetReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** The link state of {@code iface}; null when sysfs has no such device (another namespace's, or gone). */
  public Link read(String iface) {
    if (iface.contains("/") || iface.startsWith(".")) {
      metrics.countSkippedRecord();
      return null;
    }
    Path dir = root.sys("class/net").resolve(iface);
    if (!Files.isDirectory(dir)) {
      return null;
    }
    return parse(text(dir, "operstate"), text(dir, "carrier"), text(dir, "mtu"), text(dir, "speed"),
        text(dir, "carrier_changes"), metrics);
  }

  /** The link from the five files' contents (null for a file that could not be read). */
  static Link parse(String operstate, String carrier, String mtu, String speed, String carrierChanges,
      ProbeMetrics metrics) {
    Long carrierValue = number(carrier, metrics);
    Long speedValue = number(speed, metrics);
    return new Link(
        operstate == null || operstate.isBlank() ? null : operstate.strip().equals("up"),
        carrierValue == null || carrierValue > 1 || carrierValue < 0 ? null : carrierValue == 1,
        nonNegative(number(mtu, metrics)),
        speedValue == null || speedValue < 0 ? null : speedValue,
        nonNegative(number(carrierChanges, metrics)));
  }

  private static Long nonNegative(Long value) {
    return value == null || value < 0 ? null : value;
  }

  private static Long number(String content, ProbeMetrics metrics) {
    return SourceReads.integer(content, metrics);
  }

  private String text(Path dir, String name) {
    Path file = dir.resolve(name);
    try {
      return KernelFiles.read(file);
    } catch (NoSuchFileException e) {
      return null; // speed and carrier_changes are absent on some virtual devices
    } catch (IOException e) {
      if (!"Invalid argument".equals(e.getMessage())) {
        metrics.countFailedRead();
        warnOnce.warn("read " + name, "cannot read {}: {}", file, e.toString());
      }
      return null; // EINVAL: carrier or speed of a link that is down
    }
  }
}
