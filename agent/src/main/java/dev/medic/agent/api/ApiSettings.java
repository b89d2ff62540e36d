package dev.medic.agent.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.medic.engine.approval.ApprovalBook;
import dev.medic.engine.runbook.Echo;
import dev.medic.engine.runbook.Values;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api:} section of {@code medic.yaml}. The API runs when the section is there (the shipped config has
 * it) and listens on 127.0.0.1:9464 unless told otherwise; approvals exist only where it runs, since nobody could
 * grant them otherwise.
 *
 * <pre>{@code
 * api:
 *   listen: 127.0.0.1:9464           # host:port; [::1]:9464 for IPv6
 *   tls: {cert: cert.pem, key: key.pem}  # optional: PEM files, HTTPS
 *   tokenFile: /var/lib/medic/api.token  # default <stateDir>/api.token, created 0600 at first start
 *   readFrom: [10.0.0.0/8]           # who may read without the token besides 127.0.0.1 and ::1
 *   approvalTtl: 1h                  # how long an approval waits
 *   requestsPerSecond: 1000          # per client address; more get 429
 * }</pre>
 */
public record ApiSettings(
    boolean enabled,
    String host,
    int port,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    Optional<Path> tokenFile,
    List<Cidr> readFrom,
    Duration approvalTtl,
    int requestsPerSecond) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9464;
  public static final int DEFAULT_REQUESTS_PER_SECOND = 1000;

  /** No API (a config without an {@code api:} section, and tests that build a config in code). */
  public static final ApiSettings OFF = new ApiSettings(false, DEFAULT_HOST, DEFAULT_PORT, Optional.empty(),
      Optional.empty(), Optional.empty(), List.of(), ApprovalBook.DEFAULT_TTL, DEFAULT_REQUESTS_PER_SECOND);

  public ApiSettings {
    readFrom = List.copyOf(readFrom);
  }

  /** The section's shape in the file; unknown keys are errors. */
  public record Raw(
      String listen,
      Tls tls,
      @JsonProperty("tokenFile") String tokenFile,
      @JsonProperty("readFrom") List<String> readFrom,
      @JsonProperty("approvalTtl") String approvalTtl,
      @JsonProperty("requestsPerSecond") Integer requestsPerSecond) {}

  /** PEM certificate chain and private key. */
  public record Tls(String cert, String key) {}

  /** The section, relative paths resolved against {@code base}; {@link #OFF} when absent. */
  public static ApiSettings parse(Raw raw, Path base) {
    if (raw == null) {
      return OFF;
    }
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    if (raw.listen() != null) {
      String l = raw.listen().trim();
      int colon = l.lastIndexOf(':');
      if (colon <= 0 || colon == l.length() - 1) {
        throw new IllegalArgumentException("api listen must be host:port, like 127.0.0.1:9464, not '"
            + Echo.of(l) + "'");
      }
      host = l.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      port = port(l.substring(colon + 1));
    }
    if (raw.tls() != null && (raw.tls().cert() == null || raw.tls().key() == null)) {
      throw new IllegalArgumentException("api tls needs both cert and key (PEM files)");
    }
    Duration ttl = raw.approvalTtl() == null ? ApprovalBook.DEFAULT_TTL : Values.duration(raw.approvalTtl());
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("api approvalTtl must be at least 1s");
    }
    int rps = raw.requestsPerSecond() == null ? DEFAULT_REQUESTS_PER_SECOND : raw.requestsPerSecond();
    if (rps < 1 || rps > 1_000_000) {
      throw new IllegalArgumentException("api requestsPerSecond must be between 1 and 1000000");
    }
    return new ApiSettings(true, host, port,
        Optional.ofNullable(raw.tls()).map(t -> base.resolve(t.cert()).normalize()),
        Optional.ofNullable(raw.tls()).map(t -> base.resolve(t.key()).normalize()),
        Optional.ofNullable(raw.tokenFile()).map(t -> base.resolve(t).normalize()),
        raw.readFrom() == null ? List.of() : raw.readFrom().stream().map(Cidr::parse).toList(), ttl, rps);
  }

  /** The token file: the configured one, or {@code api.token} in the state folder. */
  public Path tokenFile(Path stateDir) {
    return tokenFile.orElse(stateDir.resolve("api.token"));
  }

  /** The base address a client uses: {@code http://127.0.0.1:9464}. */
  public String url() {
    String h = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
    return (tlsCert.isPresent() ? "https" : "http") + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
  }

  /** The same settings on another port (tests listen on port 0: any free one). */
  public ApiSettings withPort(int newPort) {
    return new ApiSettings(enabled, host, newPort, tlsCert, tlsKey, tokenFile, readFrom, approvalTtl,
        requestsPerSecond);
  }

  private static int port(String text) {
    try {
      int p = Integer.parseInt(text);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("api listen: port must be 0 to 65535, not '" + Echo.of(text) + "'");
    }
  }
}
