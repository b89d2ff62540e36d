package dev.medic.checks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configured check (an entry of {@code checks:} in {@code medic.yaml}): what to try, how often, for how long
 * and from which network namespace. The kind is the record; {@link CheckConfig} builds them and
 * {@link CheckRegistry} says which kinds exist.
 */
public sealed interface CheckSpec permits CheckSpec.Http, CheckSpec.Tcp, CheckSpec.Tls, CheckSpec.Dns,
    CheckSpec.Icmp {

  /** The host network namespace, the default. */
  String HOST_NETNS = "host";
  Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** The configured name: the fact's key. */
  String name();

  /** The config {@code kind} ({@code http}, {@code https}, {@code tcp}, {@code tls}, {@code dns}, {@code icmp}). */
  String kind();

  Duration interval();

  /** Shorter than the interval; the attempt is cut when it runs out. */
  Duration timeout();

  /** {@code host}, a named netns ({@code ip netns} name) or {@code /proc/<pid>/ns/net}. */
  String netns();

  /**
   * An HTTP or HTTPS GET of one URL: no redirect followed, the body read up to {@code bodyLimit} bytes.
   *
   * @param expectStatus statuses that count as success (default 200-399)
   * @param bodyRegex found in the first {@code bodyLimit} bytes of the body, or the check fails
   * @param caFile PEM certificates to trust instead of the JDK's trust store (https)
   */
  record Http(String name, URI url, StatusRanges expectStatus, Optional<Pattern> bodyRegex, int bodyLimit,
      Optional<Path> caFile, Duration interval, Duration timeout, String netns) implements CheckSpec {
    public static final int DEFAULT_BODY_LIMIT = 64 * 1024;

    @Override
    public String kind() {
      return "https".equals(url.getScheme()) ? "https" : "http";
    }

    public String host() {
      return url.getHost();
    }

    public int port() {
      return url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }
  }

  /** A TCP connect to {@code host:port}, then a TLS handshake when {@code tls}. */
  record Tcp(String name, String host, int port, boolean tls, Optional<Path> caFile, Duration interval,
      Duration timeout, String netns) implements CheckSpec {
    @Override
    public String kind() {
      return "tcp";
    }
  }

  /** A certificate check: connect, TLS handshake, the presented chain and its earliest {@code notAfter}. */
  record Tls(String name, String host, int port, Optional<Path> caFile, Duration interval, Duration timeout,
      String netns) implements CheckSpec {
    @Override
    public String kind() {
      return "tls";
    }
  }

  /**
   * A DNS query of {@code qname}/{@code type} to {@code nameserver} ({@code ip} or {@code ip:port}), or, when
   * none is given, to each nameserver of the resolver's {@code resolv.conf} (one fact each).
   */
  record Dns(String name, String qname, String type, Optional<String> nameserver, Duration interval,
      Duration timeout, String netns) implements CheckSpec {
    @Override
    public String kind() {
      return "dns";
    }
  }

  /** One ICMP echo to {@code host} with the {@code ping} binary. */
  record Icmp(String name, String host, Duration interval, Duration timeout, String netns) implements CheckSpec {
    @Override
    public String kind() {
      return "icmp";
    }
  }

  /** Success statuses, as ranges: {@code [200-399]}, {@code [200, 404]}. */
  record StatusRanges(List<int[]> ranges) {
    public static final StatusRanges DEFAULT = new StatusRanges(List.<int[]>of(new int[] {200, 399}));

    public boolean contains(int status) {
      return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
    }

    /** One item: {@code 200} or {@code 200-299}; empty when it is neither or outside 100-599. */
    static Optional<int[]> parseItem(String text) {
      String[] parts = text.trim().split("-", -1);
      try {
        int low = Integer.parseInt(parts[0].trim());
        int high = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : low;
        if (parts.length > 2 || low < 100 || high > 599 || low > high) {
          return Optional.empty();
        }
        return Optional.of(new int[] {low, high});
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }
}
