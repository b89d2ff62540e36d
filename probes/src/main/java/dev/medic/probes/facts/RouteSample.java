package dev.medic.probes.facts;

/**
 * The default route of one network namespace, from {@code /proc/<pid>/net/route} (IPv4) and
 * {@code /proc/<pid>/net/ipv6_route}: without one, anything off-link fails with "network unreachable".
 *
 * @param netns the namespace: {@code host} or {@code net:[inode]}; the key
 * @param hasDefault an IPv4 or IPv6 default route that is up exists
 * @param defaultVia its gateway address (IPv4 preferred); null for a device route with no gateway, or none
 * @param defaultDev its device; null without a default route
 * @param hasDefault6 an IPv6 default route exists; null when {@code ipv6_route} is absent (IPv6 disabled)
 */
@Key("netns")
public record RouteSample(long timestamp, String netns, boolean hasDefault, @Nullable String defaultVia, @Nullable String defaultDev,
    Boolean hasDefault6) implements Fact {

  public static final String TYPE = "route";

  @Override
  public String type() {
    return TYPE;
  }
}
