package dev.medic.agent.notify;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.medic.probes.internal.DidYouMean;
import dev.medic.engine.runbook.Values;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code notify:} section of medic.yaml: named sinks and the routes that pick them.
 *
 * <pre>{@code
 * notify:
 *   queue: 256                 # per sink; a full queue drops (counted and journalled)
 *   routes:
 *     - match: {severity: critical, tags: [network]}
 *       to: [oncall]
 *     - match: {runbook: [leak-suspect]}
 *       to: [mail-ops]
 *   sinks:
 *     oncall: {webhook: "http://127.0.0.1:9093/api/v2/alerts", format: alertmanager, retries: 3, backoff: 1s}
 *     mail-ops: {smtp: "127.0.0.1:25", from: medic@db1.example, to: [ops@example.com]}
 * }</pre>
 *
 * @param queue notices each sink may hold while it is slow or down
 */
public record NotifySettings(int queue, List<Route> routes, Map<String, SinkSpec> sinks) {

  /** No sinks, no routes: nobody is notified. */
  public static final NotifySettings NONE = new NotifySettings(256, List.of(), Map.of());

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;\"]{1,200}@[^\\s<>,;\"@]{1,200}");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  public NotifySettings {
    routes = List.copyOf(routes);
    sinks = Map.copyOf(sinks);
  }

  public boolean isEmpty() {
    return sinks.isEmpty();
  }

  /**
   * One sink's settings, checked: a webhook ({@code url}, {@code format}) or SMTP ({@code host}, {@code port},
   * {@code from}, {@code to}, {@code startTls}), and the retry policy both share.
   */
  public record SinkSpec(URI url, WebhookSink.Format format, String generatorUrl, String host, int port, String from,
      List<String> to, boolean startTls, Duration timeout, int retries, Backoff backoff) {

    public boolean webhook() {
      return url != null;
    }

    Sink build(String name) {
      return webhook() ? new WebhookSink(name, url, format, timeout, generatorUrl)
          : new SmtpSink(name, host, port, from, to, startTls, timeout);
    }
  }

  /** The file's shape of the section. */
  public record Raw(Integer queue, List<RawRoute> routes, Map<String, RawSink> sinks) {}

  /** A route as written. */
  public record RawRoute(RawMatch match, @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      List<String> to, @JsonProperty("continue") Boolean continueMatching) {}

  /** A route's criteria as written; each a value or a list. */
  public record RawMatch(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> runbook,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> severity,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> tags) {}

  /** A sink as written: {@code webhook: URL} or {@code smtp: host:port}, and the keys of its kind. */
  public record RawSink(String webhook, String format, @JsonProperty("generatorURL") String generatorUrl,
      String smtp, String from, @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> to,
      @JsonProperty("startTls") Boolean startTls, String timeout, Integer retries, String backoff,
      @JsonProperty("maxBackoff") String maxBackoff) {}

  /** The section checked; an IllegalArgumentException starting {@code notify:} names what is wrong. */
  public static NotifySettings parse(Raw raw, String hostName) {
    if (raw == null) {
      return NONE;
    }
    int queue = raw.queue() == null ? 256 : raw.queue();
    if (queue < 1 || queue > 100_000) {
      throw new IllegalArgumentException("notify: queue must be between 1 and 100000");
    }
    Map<String, SinkSpec> sinks = new LinkedHashMap<>();
    if (raw.sinks() != null) {
      raw.sinks().forEach((name, s) -> sinks.put(name, sink(name, s, hostName)));
    }
    List<Route> routes = new ArrayList<>();
    if (raw.routes() != null) {
      for (int i = 0; i < raw.routes().size(); i++) {
        routes.add(route(i, raw.routes().get(i), sinks.keySet()));
      }
    }
    return new NotifySettings(queue, routes, sinks);
  }

  private static Route route(int index, RawRoute r, Set<String> sinks) {
    String where = "notify: routes[" + index + "]";
    if (r == null || r.to() == null || r.to().isEmpty()) {
      throw new IllegalArgumentException(where + ": 'to' must name at least one sink");
    }
    for (String to : r.to()) {
      if (!sinks.contains(to)) {
        throw new IllegalArgumentException(where + ": unknown sink '" + to + "'" + DidYouMean.hint(to,
            List.copyOf(sinks)) + (sinks.isEmpty() ? "; no sinks are configured" : "; sinks: "
            + String.join(", ", sinks)));
      }
    }
    RawMatch m = r.match() == null ? new RawMatch(null, null, null) : r.match();
    List<String> severities = m.severity() == null ? List.of() : m.severity();
    severities.stream().filter(s -> !SEVERITIES.contains(s)).findFirst().ifPresent(s -> {
      throw new IllegalArgumentException(where + ": severity '" + s + "' is not info, warning or critical");
    });
    return new Route(m.runbook() == null ? List.of() : m.runbook(), severities,
        m.tags() == null ? List.of() : m.tags(), r.to(), r.continueMatching() != null && r.continueMatching());
  }

  private static SinkSpec sink(String name, RawSink s, String hostName) {
    String where = "notify: sink '" + name + "'";
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("notify: sink name '" + name + "' must be lower-case letters, digits, '-'"
          + " and '_'");
    }
    if (s == null || (s.webhook() == null) == (s.smtp() == null)) {
      throw new IllegalArgumentException(where + ": give exactly one of 'webhook: URL' and 'smtp: host:port'");
    }
    Duration timeout = s.timeout() == null ? Duration.ofSeconds(5) : Values.duration(s.timeout());
    if (timeout.toMillis() < 1 || timeout.toMinutes() > 5) {
      throw new IllegalArgumentException(where + ": timeout must be between 1ms and 5m");
    }
    int retries = s.retries() == null ? 3 : s.retries();
    if (retries < 0 || retries > 20) {
      throw new IllegalArgumentException(where + ": retries must be between 0 and 20");
    }
    Backoff backoff = new Backoff(s.backoff() == null ? Duration.ofSeconds(1) : Values.duration(s.backoff()),
        s.maxBackoff() == null ? Duration.ofMinutes(1) : Values.duration(s.maxBackoff()));
    if (backoff.base().isZero() || backoff.max().compareTo(backoff.base()) < 0) {
      throw new IllegalArgumentException(where + ": backoff must be positive and at most maxBackoff");
    }
    if (s.webhook() != null) {
      if (s.smtp() != null || s.from() != null || s.to() != null || s.startTls() != null) {
        throw new IllegalArgumentException(where + ": from, to and startTls are for smtp sinks");
      }
      URI url = url(where, s.webhook());
      WebhookSink.Format format = format(where, s.format());
      String generator = s.generatorUrl() == null ? "medic://" + hostName : s.generatorUrl();
      return new SinkSpec(url, format, generator, null, 0, null, List.of(), false, timeout, retries, backoff);
    }
    if (s.format() != null || s.generatorUrl() != null) {
      throw new IllegalArgumentException(where + ": format and generatorURL are for webhook sinks");
    }
    int colon = s.smtp().lastIndexOf(':');
    String host = colon < 0 ? s.smtp() : s.smtp().substring(0, colon);
    int port;
    try {
      port = colon < 0 ? 25 : Integer.parseInt(s.smtp().substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isBlank() || host.length() > 253 || port < 1 || port > 65535 || !host.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
      throw new IllegalArgumentException(where + ": smtp must be host or host:port, not '" + s.smtp() + "'");
    }
    if (s.from() == null || !ADDRESS.matcher(s.from()).matches()) {
      throw new IllegalArgumentException(where + ": 'from' must be one mail address");
    }
    if (s.to() == null || s.to().isEmpty() || s.to().size() > 100) {
      throw new IllegalArgumentException(where + ": 'to' must list 1 to 100 mail addresses");
    }
    s.to().stream().filter(a -> a == null || !ADDRESS.matcher(a).matches()).findFirst().ifPresent(a -> {
      throw new IllegalArgumentException(where + ": '" + a + "' is not a mail address");
    });
    return new SinkSpec(null, null, null, host.replace("[", "").replace("]", ""), port, s.from(), s.to(),
        s.startTls() != null && s.startTls(), timeout, retries, backoff);
  }

  private static URI url(String where, String text) {
    try {
      URI u = new URI(text);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new URISyntaxException(text, "not an http or https URL with a host");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(where + ": webhook '" + text + "' is not an http(s) URL");
    }
  }

  private static WebhookSink.Format format(String where, String text) {
    if (text == null || text.equals("medic")) {
      return WebhookSink.Format.MEDIC;
    }
    if (text.equals("alertmanager")) {
      return WebhookSink.Format.ALERTMANAGER;
    }
    throw new IllegalArgumentException(where + ": format must be medic or alertmanager, not '" + text + "'");
  }
}
