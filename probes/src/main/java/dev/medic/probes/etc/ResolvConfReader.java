package dev.medic.probes.etc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ResolverSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NetNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the resolver configuration a namespace's processes use into a {@link ResolverSample}, with glibc's
 * defaults and caps ({@code man 5 resolv.conf}: timeout 5 s, at most 30; attempts 2, at most 5; ndots 1, at most
 * 15). Which file: {@code /etc/netns/<name>/resolv.conf} for a namespace {@code ip netns} named when it exists (what
 * {@code ip netns exec} binds over /etc/resolv.conf); for another namespace with an anchor pid, that process's own
 * view, {@code /proc/<pid>/root/etc/resolv.conf} (it may be in another mount namespace, a container); else
 * {@code /etc/resolv.conf}.
 */
public final class ResolvConfReader {

  static final int DEFAULT_TIMEOUT = 5;
  static final int DEFAULT_ATTEMPTS = 2;
  static final int DEFAULT_NDOTS = 1;
  static final Set<String> KEYWORDS = Set.of("nameserver", "search", "domain", "options", "sortlist");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");
  private static final Logger LOG = LoggerFactory.getLogger(ResolvConfReader.class);

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final WarnOnce warnOnce = new WarnOnce(LOG);

  public ResolvConfReader(HostRoot root, ProbeMetrics metrics) {
    this.root = root;
    this.metrics = metrics;
  }

  /** The namespace's resolver; empty when its file is missing (no resolver configured: glibc tries 127.0.0.1). */
  public Optional<ResolverSample> read(long timestamp, NetNamespace ns) {
    String content = SourceReads.readOrNull(file(ns), metrics, warnOnce);
    return content == null ? Optional.empty() : Optional.of(parse(content, timestamp, ns.id(), metrics));
  }

  Path file(NetNamespace ns) {
    if (ns.name() != null) {
      Path named = root.etc("netns").resolve(ns.name()).resolve("resolv.conf");
      if (Files.exists(named)) {
        return named;
      }
    }
    if (!ns.isHost() && ns.pid() != null && !ns.pid().contains("/task/")) {
      return root.proc(ns.pid()).resolve("root/etc/resolv.conf");
    }
    return root.etc("resolv.conf");
  }

  /**
   * The configuration in {@code content}. A line whose keyword glibc does not know, a nameserver that is not an IP
   * literal and an option value that is not a number are skipped records (a nameserver listed twice is kept, as
   * glibc uses it twice, and counted too); the last {@code search} or
   * {@code domain} line wins, as in glibc.
   */
  static ResolverSample parse(String content, long timestamp, String netns, ProbeMetrics metrics) {
    List<String> nameservers = new ArrayList<>();
    String search = null;
    int timeout = DEFAULT_TIMEOUT;
    int attempts = DEFAULT_ATTEMPTS;
    int ndots = DEFAULT_NDOTS;
    boolean rotate = false;
    for (String raw : content.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] words = line.split("\\s+");
      if (!KEYWORDS.contains(words[0])) {
        metrics.countSkippedRecord();
        continue;
      }
      switch (words[0]) {
        case "nameserver" -> {
          if (words.length >= 2 && IP_LITERAL.matcher(words[1]).matches()) {
            if (nameservers.contains(words[1])) {
              metrics.countSkippedRecord(); // glibc asks it twice, which is kept; but it is odd enough to count
            }
            nameservers.add(words[1]);
          } else {
            metrics.countSkippedRecord();
          }
        }
        case "search", "domain" -> search = words.length < 2 ? null : String.join(" ", List.of(words).subList(1,
            words.length));
        case "options" -> {
          for (int i = 1; i < words.length; i++) {
            String option = words[i];
            if (option.equals("rotate")) {
              rotate = true;
            } else if (option.startsWith("timeout:")) {
              timeout = option(option, timeout, 1, 30, metrics);
            } else if (option.startsWith("attempts:")) {
              attempts = option(option, attempts, 1, 5, metrics);
            } else if (option.startsWith("ndots:")) {
              ndots = option(option, ndots, 0, 15, metrics);
            }
          }
        }
        default -> { } // sortlist: not about reachability
      }
    }
    return new ResolverSample(timestamp, netns, String.join(",", nameservers), nameservers.size(), timeout, attempts,
        rotate, ndots, search);
  }

  /** {@code name:N} clamped to min..max as glibc does; the previous value when N is not a number (counted). */
  private static int option(String option, int previous, int min, int max, ProbeMetrics metrics) {
    Long n = KernelFiles.parseLongOrNull(option.substring(option.indexOf(':') + 1));
    if (n == null) {
      metrics.countSkippedRecord();
      return previous;
    }
    return (int) Math.max(min, Math.min(max, n));
  }
}
