package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.netns.NetNamespace;
import dev.medic.probes.proc.net.NetstatReader;
import dev.medic.probes.proc.net.SnmpReader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code capture_tcp_counters}: the TCP and IP counters that moved over a short {@code interval} (default 2s,
 * 100ms to 10s, and less than the action's timeout), as {@code tcp-counters.txt}: {@code /proc/<pid>/net/netstat}
 * and {@code snmp} read twice with the probes' own readers ({@link NetstatReader}, {@link SnmpReader}; no second
 * parser), and every {@code Prefix.Name} whose value changed, with the change. It is {@code nstat} for one
 * incident: ListenOverflows growing says accept queue, OutRsts the kernel refusing, InDestUnreachs/OutDestUnreachs
 * ICMP, RetransSegs loss. The namespace is the target's when it is alive (a listener's owner), else Medic's.
 */
public final class CaptureTcpCountersAction implements Action {

  public static final String NAME = "capture_tcp_counters";
  public static final String INTERVAL = "interval";
  public static final String FILE = "tcp-counters.txt";
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return false;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(INTERVAL);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    return Params.checkDuration(params, INTERVAL, Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0));
    }
    Duration interval = Params.readDuration(ctx.params(), INTERVAL, DEFAULT_INTERVAL);
    if (interval.compareTo(ctx.timeout()) >= 0) {
      return ActionResult.failed("'interval' " + Params.format(interval) + " is not shorter than the action's "
          + "timeout of " + Params.format(ctx.timeout()));
    }
    HostRoot host = ctx.host();
    NetNamespace ns;
    try {
      ns = ctx.pid() > 0 && ProcFiles.alive(host, ctx.pid()) ? NetNamespace.ofPid(host, ctx.pid())
          : NetNamespace.host(host);
    } catch (IOException e) {
      return ActionResult.failed("cannot find the network namespace: " + ProcFiles.reason(e));
    }
    ProbeMetrics metrics = new ProbeMetrics();
    NetstatReader netstat = new NetstatReader(host, metrics);
    SnmpReader snmp = new SnmpReader(host, metrics);
    Map<String, Long> before = flat(netstat.read(ns), snmp.read(ns));
    if (before.isEmpty()) {
      return ActionResult.failed("no counters in " + host.procNet(ns.pid(), "netstat") + " or snmp");
    }
    Thread.sleep(interval.toMillis());
    Map<String, Long> after = flat(netstat.read(ns), snmp.read(ns));
    String text = moved(before, after, "# counters of " + ns + " that changed in " + Params.format(interval)
        + " (netstat and snmp, prefix.name change now)\n");
    try {
      ctx.evidence().write(FILE, text);
    } catch (IOException e) {
      return ActionResult.failed("cannot write " + FILE + ": " + e.getMessage());
    }
    return ActionResult.ok(NAME + " of " + ns + " over " + Params.format(interval), List.of(FILE));
  }

  /** Prefix.name → value, sorted. */
  static Map<String, Long> flat(Map<String, Map<String, Long>> netstat, Map<String, Map<String, Long>> snmp) {
    Map<String, Long> out = new TreeMap<>();
    for (Map<String, Map<String, Long>> file : List.of(netstat, snmp)) {
      file.forEach((prefix, values) -> values.forEach((name, v) -> out.put(prefix + "." + name, v)));
    }
    return out;
  }

  /** The lines of the counters whose value changed, after {@code header}; says so when none did. */
  static String moved(Map<String, Long> before, Map<String, Long> after, String header) {
    StringBuilder text = new StringBuilder(header);
    int moved = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      Long was = before.get(e.getKey());
      if (was != null && !was.equals(e.getValue())) {
        long d = e.getValue() - was;
        text.append(String.format("%-36s %+d %d%n", e.getKey(), d, e.getValue()));
        moved++;
      }
    }
    if (moved == 0) {
      text.append("# none changed\n");
    }
    return text.toString();
  }
}
