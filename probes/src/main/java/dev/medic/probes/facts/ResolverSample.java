package dev.medic.probes.facts;

/**
 * The stub resolver's configuration as processes in one namespace see it: {@code /etc/resolv.conf}, or for a
 * namespace named by {@code ip netns} the {@code /etc/netns/<name>/resolv.conf} that {@code ip netns exec} binds over
 * it. A silent first nameserver costs every lookup {@code timeoutS} seconds.
 *
 * @param netns the namespace: {@code host} or {@code net:[inode]}; the key
 * @param nameservers the {@code nameserver} addresses in order, comma-separated; empty when there is none
 * @param nameserverCount how many (glibc uses the first 3)
 * @param timeoutS seconds before the next nameserver is tried ({@code options timeout:}, default 5)
 * @param attempts rounds over the nameservers ({@code options attempts:}, default 2)
 * @param rotate {@code options rotate}: the nameservers are used round-robin
 * @param ndots dots a name needs to be tried as absolute first ({@code options ndots:}, default 1)
 * @param search the {@code search} (or {@code domain}) list, space-separated; null when none
 */
@Key("netns")
public record ResolverSample(
    long timestamp,
    String netns,
    String nameservers,
    int nameserverCount,
    int timeoutS,
    int attempts,
    boolean rotate,
    int ndots,
    @Nullable String search)
    implements Fact {

  public static final String TYPE = "resolver";

  @Override
  public String type() {
    return TYPE;
  }
}
