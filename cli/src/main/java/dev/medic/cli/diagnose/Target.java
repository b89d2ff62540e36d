package dev.medic.cli.diagnose;

import dev.medic.checks.CheckSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code medic diagnose} was asked about: {@code http(s)://host[:port]/path}, {@code tcp://host:port} or a
 * DNS name, as the one check it runs ({@link CheckSpec}, named {@code diagnose}). One attempt, no retries: the
 * client's view, as the agent's checks record it.
 *
 * @param host the host name or address (null for a DNS name: the name is the question)
 * @param port the TCP port (null for a DNS name)
 */
public record Target(String text, CheckSpec spec, String host, Integer port) {

  static final String NAME = "diagnose";
  private static final Pattern DNS_NAME = Pattern.compile(
      "(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z][A-Za-z0-9-]{0,61}\\.?");

  /** A target that cannot be diagnosed; the message is one line for the operator. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /**
   * @param timeout the whole attempt's budget
   * @param netns where the check runs from: {@code host}, an {@code ip netns} name or {@code /proc/<pid>/ns/net}
   */
  public static Target parse(String text, Duration timeout, String netns) throws Invalid {
    Duration interval = timeout.plusSeconds(1);
    if (text.startsWith("http://") || text.startsWith("https://")) {
      URI url = uri(text);
      if (url.getHost() == null || url.getHost().isEmpty()) {
        throw new Invalid("'" + text + "' has no host");
      }
      CheckSpec.Http http = new CheckSpec.Http(NAME, url, CheckSpec.StatusRanges.DEFAULT, Optional.empty(),
          CheckSpec.Http.DEFAULT_BODY_LIMIT, Optional.empty(), interval, timeout, netns);
      return new Target(text, http, http.host(), http.port());
    }
    if (text.startsWith("tcp://")) {
      URI uri = uri(text);
      if (uri.getHost() == null || uri.getPort() < 1 || (uri.getPath() != null && !uri.getPath().isEmpty())) {
        throw new Invalid("'" + text + "' is not tcp://host:port");
      }
      String host = uri.getHost();
      return new Target(text, new CheckSpec.Tcp(NAME, host, uri.getPort(), false, Optional.empty(), interval,
          timeout, netns), host, uri.getPort());
    }
    if (text.contains("://")) {
      throw new Invalid("'" + text + "': only http://, https:// and tcp:// targets, or a DNS name");
    }
    if (!DNS_NAME.matcher(text).matches()) {
      throw new Invalid("'" + text + "' is neither a URL (http://, https://, tcp://) nor a DNS name"
          + (text.contains(":") ? "; for a port write tcp://" + text : ""));
    }
    return new Target(text, new CheckSpec.Dns(NAME, text, "A", Optional.empty(), interval, timeout, netns), null,
        null);
  }

  private static URI uri(String text) throws Invalid {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new Invalid("'" + text + "' is not a valid URL: " + e.getReason());
    }
  }

  /** Whether this is a DNS question rather than a TCP service. */
  public boolean dns() {
    return spec instanceof CheckSpec.Dns;
  }
}
