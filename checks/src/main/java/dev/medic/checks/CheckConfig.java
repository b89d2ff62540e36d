package dev.medic.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medic.probes.internal.DidYouMean;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads the {@code checks:} list of {@code medic.yaml} into {@link CheckSpec}s. Every problem is collected, not
 * only the first, each one line {@code file:line:column: message} (or {@code file: checks[i]: message} when the
 * tree carries no positions), with a did-you-mean for a misspelt key or kind. A config with any problem yields no
 * specs: a check that half-parsed would watch the wrong thing.
 */
public final class CheckConfig {

  static final List<String> HTTP_KEYS = List.of("url", "expectStatus", "bodyRegex", "bodyLimit", "caFile");
  static final int MAX_BODY_LIMIT = 1024 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]*|\\[[0-9A-Fa-f:.]+\\]");
  private static final Pattern NETNS = Pattern.compile("host|/proc/[1-9][0-9]*/ns/net|[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern NAMESERVER = Pattern.compile("[0-9.]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?"
      + "|[0-9A-Fa-f:.]*::[0-9A-Fa-f:.]*");

  /** The specs when there was no problem, else the problems (and no specs). */
  public record Result(List<CheckSpec> checks, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Reads the kind-specific keys of one entry into its spec; empty when a problem was reported. */
  interface SpecReader {
    Optional<CheckSpec> read(Entry e, Common c);
  }

  /** The keys every check has, already checked. */
  record Common(String name, Duration interval, Duration timeout, String netns) {}

  private CheckConfig() {}

  /** Reads {@code checksNode} (the value of {@code checks:}; null or missing means none) with the built-in kinds. */
  public static Result parse(JsonNode checksNode, String file) {
    return parse(checksNode, file, LocatedTree.of(checksNode), CheckRegistry.builtin());
  }

  /**
   * Reads {@code checksNode}, a node of {@code tree} (whose positions the problems then carry).
   *
   * @param file the config file's name, for the problems; relative {@code caFile}s are resolved against its folder
   */
  public static Result parse(JsonNode checksNode, String file, LocatedTree tree, CheckRegistry registry) {
    List<String> problems = new ArrayList<>();
    List<CheckSpec> specs = new ArrayList<>();
    if (checksNode == null || checksNode.isMissingNode() || checksNode.isNull()) {
      return new Result(List.of(), List.of());
    }
    Reporter report = new Reporter(file, tree, problems);
    if (!checksNode.isArray()) {
      report.at(checksNode, "checks", "checks must be a list of checks, each with name and kind");
      return new Result(List.of(), List.copyOf(problems));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < checksNode.size(); i++) {
      Entry e = new Entry(checksNode.get(i), "checks[" + i + "]", report, file);
      readOne(e, registry, names).ifPresent(specs::add);
    }
    return problems.isEmpty() ? new Result(List.copyOf(specs), List.of()) : new Result(List.of(),
        List.copyOf(problems));
  }

  private static Optional<CheckSpec> readOne(Entry e, CheckRegistry registry, Set<String> names) {
    if (!e.node.isObject()) {
      e.problem(e.node, "a check must be a mapping with name, kind and the kind's keys");
      return Optional.empty();
    }
    Optional<String> name = e.required("name").filter(n -> e.matches(n, "name", NAME,
        "a letter, then letters, digits, '_', '.' or '-' (at most 63)"));
    name.ifPresent(n -> e.where = e.where + " '" + n + "'");
    if (name.isPresent() && !names.add(name.get())) {
      e.problem(e.node.get("name"), "the name '" + name.get() + "' is used by another check");
    }
    Optional<CheckRegistry.Kind> kind = e.required("kind").flatMap(k -> {
      Optional<CheckRegistry.Kind> found = registry.kind(k);
      if (found.isEmpty()) {
        e.problem(e.node.get("kind"), "unknown kind '" + k + "'" + DidYouMean.hint(k, registry.kinds())
            + "; known: " + String.join(", ", registry.kinds()));
      }
      return found;
    });
    List<String> allowed = new ArrayList<>(CheckRegistry.COMMON_KEYS);
    kind.ifPresent(k -> allowed.addAll(k.keys()));
    if (kind.isPresent() || !e.node.has("kind")) {
      e.onlyKeys(allowed);
    }
    Duration interval = e.duration("interval").orElse(CheckSpec.DEFAULT_INTERVAL);
    Duration timeout = e.duration("timeout").orElse(CheckSpec.DEFAULT_TIMEOUT);
    if (interval.toMillis() < 100) {
      e.problem(e.node.get("interval"), "interval must be at least 100ms");
    }
    if (timeout.compareTo(interval) >= 0) {
      e.problem(e.node.has("timeout") ? e.node.get("timeout") : e.node, "timeout (" + timeout.toMillis()
          + "ms) must be shorter than interval (" + interval.toMillis() + "ms)");
    }
    String netns = e.text("netns").filter(n -> e.matches(n, "netns", NETNS,
        "'host', a netns name (ip netns) or /proc/<pid>/ns/net")).orElse(CheckSpec.HOST_NETNS);
    if (name.isEmpty() || kind.isEmpty()) {
      return Optional.empty();
    }
    int before = e.report.problems.size();
    Optional<CheckSpec> spec = kind.get().reader().read(e, new Common(name.get(), interval, timeout, netns));
    return e.report.problems.size() == before ? spec : Optional.empty();
  }

  static Optional<CheckSpec> http(Entry e, Common c) {
    Optional<URI> url = e.required("url").flatMap(u -> {
      try {
        URI uri = new URI(u);
        String want = e.node.path("kind").asText();
        if (!want.equals(uri.getScheme())) {
          e.problem(e.node.get("url"), "a " + want + " check needs a " + want + ":// url, not '" + u + "'"
              + ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())
                  ? " (write kind: " + uri.getScheme() + ")" : ""));
          return Optional.empty();
        }
        if (uri.getHost() == null) {
          e.problem(e.node.get("url"), "the url '" + u + "' has no host");
          return Optional.empty();
        }
        return Optional.of(uri);
      } catch (URISyntaxException ex) {
        e.problem(e.node.get("url"), "'" + u + "' is not a url: " + ex.getReason());
        return Optional.empty();
      }
    });
    CheckSpec.StatusRanges status = e.statusRanges();
    Optional<Pattern> regex = e.text("bodyRegex").flatMap(r -> {
      try {
        return Optional.of(Pattern.compile(r));
      } catch (PatternSyntaxException ex) {
        e.problem(e.node.get("bodyRegex"), "bodyRegex is not a valid regular expression: "
            + ex.getDescription());
        return Optional.empty();
      }
    });
    int limit = e.integer("bodyLimit", 1, MAX_BODY_LIMIT).orElse(CheckSpec.Http.DEFAULT_BODY_LIMIT);
    Optional<Path> ca = e.caFile();
    return url.map(u -> new CheckSpec.Http(c.name(), u, status, regex, limit, ca, c.interval(), c.timeout(),
        c.netns()));
  }

  static Optional<CheckSpec> tcp(Entry e, Common c) {
    Optional<String> host = e.host("host");
    Optional<Integer> port = e.requiredPort();
    boolean tls = e.flag("tls").orElse(false);
    Optional<Path> ca = e.caFile();
    if (ca.isPresent() && !tls) {
      e.problem(e.node.get("caFile"), "caFile needs tls: true");
    }
    return host.flatMap(h -> port.map(p -> new CheckSpec.Tcp(c.name(), h, p, tls, ca, c.interval(), c.timeout(),
        c.netns())));
  }

  static Optional<CheckSpec> tls(Entry e, Common c) {
    Optional<String> host = e.host("host");
    Optional<Integer> port = e.requiredPort();
    Optional<Path> ca = e.caFile();
    return host.flatMap(h -> port.map(p -> new CheckSpec.Tls(c.name(), h, p, ca, c.interval(), c.timeout(),
        c.netns())));
  }

  static Optional<CheckSpec> dns(Entry e, Common c) {
    Optional<String> query = e.required("query");
    String type = e.text("type").map(t -> t.toUpperCase(Locale.ROOT)).orElse("A");
    if (!DnsWire.TYPES.containsKey(type)) {
      e.problem(e.node.get("type"), "unknown record type '" + type + "'" + DidYouMean.hint(type,
          DnsWire.TYPES.keySet()) + "; known: " + String.join(", ", DnsWire.TYPES.keySet().stream().sorted()
          .toList()));
    }
    query.ifPresent(q -> {
      try {
        DnsWire.query(0, q, DnsWire.TYPES.containsKey(type) ? type : "A");
      } catch (IllegalArgumentException ex) {
        e.problem(e.node.get("query"), "query '" + q + "' is not a DNS name: " + ex.getMessage());
      }
    });
    Optional<String> ns = e.text("nameserver").filter(n -> e.matches(n, "nameserver", NAMESERVER,
        "an IP address, optionally with :port (127.0.0.1:5353, [::1]:53)"));
    return query.map(q -> new CheckSpec.Dns(c.name(), q, type, ns, c.interval(), c.timeout(), c.netns()));
  }

  static Optional<CheckSpec> icmp(Entry e, Common c) {
    return e.host("host").map(h -> new CheckSpec.Icmp(c.name(), h, c.interval(), c.timeout(), c.netns()));
  }

  /** Turns a node into a position prefix: {@code file:line:col: } or {@code file: checks[2] 'api': }. */
  private record Reporter(String file, LocatedTree tree, List<String> problems) {
    void at(JsonNode node, String where, String message) {
      Optional<String> pos = node == null ? Optional.empty() : tree.position(node);
      problems.add(pos.map(p -> file + ":" + p + ": " + where + ": ").orElse(file + ": " + where + ": ") + message);
    }
  }

  /** One entry of the list being read, with typed accessors that report problems at the value. */
  static final class Entry {
    final JsonNode node;
    final Reporter report;
    final String file;
    String where;

    Entry(JsonNode node, String where, Reporter report, String file) {
      this.node = node;
      this.where = where;
      this.report = report;
      this.file = file;
    }

    void problem(JsonNode at, String message) {
      report.at(at == null ? node : at, where, message);
    }

    void onlyKeys(List<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          problem(node.get(key), "unknown key '" + key + "'" + DidYouMean.hint(key, allowed) + "; allowed: "
              + String.join(", ", allowed));
        }
      }
    }

    Optional<String> text(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return Optional.empty();
      }
      if (!v.isValueNode() || v.asText().isBlank()) {
        problem(v, key + " must be a non-empty text value");
        return Optional.empty();
      }
      return Optional.of(v.asText().trim());
    }

    Optional<String> required(String key) {
      if (!node.has(key) || node.get(key).isNull()) {
        problem(node, "'" + key + "' is required");
        return Optional.empty();
      }
      return text(key);
    }

    boolean matches(String value, String key, Pattern pattern, String expected) {
      if (pattern.matcher(value).matches()) {
        return true;
      }
      problem(node.get(key), key + " '" + value + "' is not valid; expected " + expected);
      return false;
    }

    Optional<String> host(String key) {
      return required(key).filter(h -> matches(h, key, HOST, "a host name or an IP address"));
    }

    Optional<Integer> requiredPort() {
      if (!node.has("port")) {
        problem(node, "'port' is required");
        return Optional.empty();
      }
      return integer("port", 1, 65535);
    }

    Optional<Integer> integer(String key, int min, int max) {
      JsonNode v = node.get(key);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
        problem(v, key + " must be a whole number from " + min + " to " + max + ", not '" + v.asText() + "'");
        return Optional.empty();
      }
      return Optional.of(v.asInt());
    }

    Optional<Boolean> flag(String key) {
      JsonNode v = node.get(key);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.isBoolean()) {
        problem(v, key + " must be true or false, not '" + v.asText() + "'");
        return Optional.empty();
      }
      return Optional.of(v.asBoolean());
    }

    Optional<Duration> duration(String key) {
      return text(key).flatMap(t -> {
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
          problem(node.get(key), key + " '" + t + "' is not a duration; write a whole number and a unit: 500ms, "
              + "3s, 1m");
          return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        });
      });
    }

    /** {@code expectStatus: 200}, {@code "200-399"} or a list of those. */
    CheckSpec.StatusRanges statusRanges() {
      JsonNode v = node.get("expectStatus");
      if (v == null) {
        return CheckSpec.StatusRanges.DEFAULT;
      }
      List<int[]> ranges = new ArrayList<>();
      Stream<JsonNode> items = v.isArray() ? Stream.iterate(0, i -> i < v.size(), i -> i + 1).map(v::get)
          : Stream.of(v);
      items.forEach(item -> CheckSpec.StatusRanges.parseItem(item.asText()).ifPresentOrElse(ranges::add,
          () -> problem(item, "expectStatus '" + item.asText() + "' is not a status or a range like 200-399 "
              + "(100-599)")));
      if (ranges.isEmpty() && v.isArray()) {
        problem(v, "expectStatus must list at least one status or range");
      }
      return ranges.isEmpty() ? CheckSpec.StatusRanges.DEFAULT : new CheckSpec.StatusRanges(List.copyOf(ranges));
    }

    /** A readable PEM file; relative to the config file's folder. */
    Optional<Path> caFile() {
      return text("caFile").flatMap(t -> {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        Path p = parent == null ? Path.of(t) : parent.resolve(t).normalize();
        if (!Files.isReadable(p)) {
          problem(node.get("caFile"), "caFile " + p + " cannot be read");
          return Optional.empty();
        }
        return Optional.of(p);
      });
    }
  }
}
