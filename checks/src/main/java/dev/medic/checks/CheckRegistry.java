package dev.medic.checks;

import dev.medic.probes.HostRoot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The check kinds, registered by name in one explicit list (the name is the config {@code kind}): for each, the
 * config keys it takes beyond the common ones, how its spec is read, and the check that runs it. No class-path
 * scanning, as for actions.
 */
public final class CheckRegistry {

  /** Keys every check takes. */
  static final List<String> COMMON_KEYS = List.of("name", "kind", "interval", "timeout", "netns");

  /** One kind: its name, its own keys, its spec reader and its check. */
  record Kind(String name, List<String> keys, CheckConfig.SpecReader reader, Check check) {}

  private final Map<String, Kind> kinds = new LinkedHashMap<>();

  private CheckRegistry(List<Kind> list) {
    list.forEach(k -> kinds.put(k.name(), k));
  }

  /** The shipped kinds, on the live host with {@code ping} from the PATH. */
  public static CheckRegistry builtin() {
    return builtin(HostRoot.live(), "ping");
  }

  /**
   * The shipped kinds.
   *
   * @param root where the resolvers' {@code resolv.conf} files (and the namespaces naming them) are found
   * @param ping the ping binary (a name on the PATH or a path)
   */
  public static CheckRegistry builtin(HostRoot root, String ping) {
    Check http = new HttpCheck();
    Check tcp = new TcpCheck();
    return new CheckRegistry(List.of(
        new Kind("http", CheckConfig.HTTP_KEYS, CheckConfig::http, http),
        new Kind("https", CheckConfig.HTTP_KEYS, CheckConfig::http, http),
        new Kind("tcp", List.of("host", "port", "tls", "caFile"), CheckConfig::tcp, tcp),
        new Kind("tls", List.of("host", "port", "caFile"), CheckConfig::tls, tcp),
        new Kind("dns", List.of("query", "type", "nameserver"), CheckConfig::dns, new DnsCheck(root)),
        new Kind("icmp", List.of("host"), CheckConfig::icmp, new IcmpCheck(ping))));
  }

  public Set<String> kinds() {
    return kinds.keySet();
  }

  Optional<Kind> kind(String name) {
    return Optional.ofNullable(kinds.get(name));
  }

  Check check(CheckSpec spec) {
    return kinds.get(spec.kind()).check();
  }
}
