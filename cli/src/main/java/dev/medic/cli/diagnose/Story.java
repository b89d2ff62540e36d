package dev.medic.cli.diagnose;

import dev.medic.cli.NetworkLines;
import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.ListenerSample;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code medic diagnose} tells: the outside check (which phase failed, how, with its timings), what the
 * kernel saw around it, the likely causes ranked with their evidence, and what to do; as text for an operator or
 * as one JSON object for machines.
 *
 * @param inside null when the inside could not be read
 */
public record Story(Target target, List<CheckSample> checks, Inside.View inside, List<Cause> causes, long tookMs) {

  /** Ranks the causes of every failed sample (a DNS check has one per nameserver), most likely first. */
  public static Story of(Target target, List<CheckSample> checks, Inside.View inside, long tookMs) {
    List<Cause> causes = new ArrayList<>();
    for (CheckSample c : checks) {
      if (inside != null) {
        causes.addAll(Causes.rank(target, c, inside));
      }
    }
    return new Story(target, checks, inside, causes, tookMs);
  }

  /** Every check succeeded. */
  public boolean healthy() {
    return !checks.isEmpty() && checks.stream().allMatch(c -> Boolean.TRUE.equals(c.ok()));
  }

  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", target.text());
    m.put("healthy", healthy());
    m.put("cause", causes.isEmpty() ? null : causes.get(0).id());
    m.put("checks", checks);
    m.put("servedFrom", inside == null || !inside.serverHere() ? null : inside.netns());
    m.put("inside", inside);
    m.put("tcpMoved", inside == null || inside.tcp() == null ? Map.of() : NetworkLines.moved(inside.tcp()));
    m.put("causes", causes);
    m.put("tookMs", tookMs);
    return m;
  }

  public void print(PrintWriter out) {
    out.println("medic diagnose " + target.text());
    out.println("Outside (" + (checks.isEmpty() ? "host" : checks.get(0).netns()) + "):");
    if (checks.isEmpty()) {
      out.println("  no check ran: the resolver has no nameserver");
    }
    for (CheckSample c : checks) {
      out.println("  " + outside(c));
    }
    if (inside != null) {
      inside(out);
    }
    if (!causes.isEmpty()) {
      out.println(healthy() ? "Warnings:" : "Likely cause" + (causes.size() > 1 ? "s, most likely first:" : ":"));
      for (int i = 0; i < causes.size(); i++) {
        Cause c = causes.get(i);
        out.printf(Locale.ROOT, "  %d. %s [%s]%n", i + 1, c.title(), c.id());
        c.evidence().forEach(e -> out.println("     - " + e));
        out.println("     what to do: " + c.action());
      }
    }
    out.printf(Locale.ROOT, "Verdict: %s%s (%d ms)%n", healthy() ? "healthy" : "UNHEALTHY",
        healthy() || causes.isEmpty() ? "" : ": " + causes.get(0).id(), tookMs);
    out.flush();
  }

  private static String outside(CheckSample c) {
    String where = c.kind() + " " + (c.addr() == null ? c.host() : c.addr()) + (c.port() == null ? "" : ":"
        + c.port());
    String timings = timings(c);
    if (Boolean.TRUE.equals(c.ok())) {
      return "ok   " + where + (c.status() == null ? "" : " HTTP " + c.status()) + (c.rcode() == null ? ""
          : " " + c.rcode() + ", " + c.answers() + " answers") + "; " + timings;
    }
    return "FAIL " + where + ": " + c.failedPhase() + " failed with " + c.error()
        + (c.status() == null ? "" : " (HTTP " + c.status() + ")") + "; " + timings;
  }

  private static String timings(CheckSample c) {
    StringBuilder b = new StringBuilder();
    add(b, "resolve", c.resolveMs());
    add(b, "connect", c.connectMs());
    add(b, "tls", c.tlsMs());
    add(b, "first byte", c.firstByteMs());
    add(b, "transfer", c.transferMs());
    add(b, "rtt", c.rttMs());
    add(b, "total", c.totalMs());
    return b.toString();
  }

  private static void add(StringBuilder b, String name, Double ms) {
    if (ms != null) {
      b.append(b.length() == 0 ? "" : ", ").append(name).append(' ').append(Causes.ms(ms));
    }
  }

  private void inside(PrintWriter out) {
    Inside.View v = inside;
    if (!v.serverHere()) {
      out.println("Inside: " + target.host() + " is not an address of this host: only the client side is read");
    } else {
      out.printf(Locale.ROOT, "Inside (%s, read %d ms apart around the check):%n", v.netns(), v.windowMs());
    }
    if (v.serverHere() && target.port() != null) {
      if (v.listeners().isEmpty()) {
        out.println("  listener on port " + target.port() + ": none" + (v.otherAddresses().isEmpty() ? ""
            : " for this address; bound to " + v.otherAddresses().stream().map(ListenerSample::addr).toList()));
      }
      v.listeners().forEach(l -> out.println("  listener" + NetworkLines.listener(l)));
      if (v.ownerFds() != null) {
        out.printf(Locale.ROOT, "  owner pid %d: %d open files of %s%n", v.ownerFds().pid(), v.ownerFds().open(),
            v.ownerFds().limit() == null ? "unlimited" : v.ownerFds().limit());
      }
      v.firewall().forEach(g -> out.println("  firewall " + g.rule().table() + " " + g.rule().text() + ": +"
          + g.packets() + " packets"));
    }
    if (v.tcp() != null) {
      Map<String, Long> moved = NetworkLines.moved(v.tcp());
      out.println("  TCP counters that moved: " + (moved.isEmpty() ? "none" : NetworkLines.counters(moved)));
    }
    if (v.conntrack() != null) {
      out.printf(Locale.ROOT, "  conntrack: %s of %s entries, drops %s%n", v.conntrack().count(),
          v.conntrack().max(), v.conntrack().newDrops() == null ? "?" : "+" + v.conntrack().newDrops());
    }
    if (v.files() != null) {
      out.printf(Locale.ROOT, "  file handles: %d of %d%n", v.files().allocated(), v.files().max());
    }
  }
}
