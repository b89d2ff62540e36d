package dev.medic.cli.diagnose;

import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.ConntrackSample;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.TcpSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The likely causes of a failed check, most likely first, from the outside symptom (the error kind) and the inside
 * evidence, after the reference's correlation table (network-diagnosis §6): refused with nothing listening is a
 * service down (OOM-killed when the kernel log says so); refused with a listener and no RST sent by the kernel is
 * a firewall REJECT; a connect timeout is a full accept queue, a full conntrack table or else a DROP or loss; no
 * first byte with the owner out of descriptors is fd exhaustion; and so on. Where the inside facts cannot tell
 * (the service is not on this host), the remaining candidates are listed with what to read on the server.
 */
public final class Causes {

  /** Days of certificate validity under which a healthy check still gets a warning. */
  static final double CERT_WARN_DAYS = 14;
  /** Open descriptors at or above this share of the limit count as exhausted (a few fds churn between reads). */
  static final double FD_EXHAUSTED_PERCENT = 95;

  private Causes() {}

  /** The causes for one failed sample (empty for a healthy one, except an expiring certificate). */
  public static List<Cause> rank(Target target, CheckSample c, Inside.View in) {
    List<Cause> out = new ArrayList<>();
    String error = c.error() == null ? "" : c.error();
    if (c.certDaysLeft() != null && (error.equals("tls_cert_expired") || c.certDaysLeft() < CERT_WARN_DAYS)) {
      out.add(new Cause("certificate", c.certDaysLeft() < 0 ? "the certificate has expired"
          : "the certificate expires soon", List.of(String.format(Locale.ROOT, "notAfter %s (%.1f days left)",
          c.certNotAfter(), c.certDaysLeft())), "renew the certificate and reload the service"));
    }
    if (Boolean.TRUE.equals(c.ok())) {
      return out;
    }
    if (error.startsWith("dns_")) {
      out.add(resolver(c, in));
      return out;
    }
    switch (error) {
      case "connect_refused" -> refused(c, in, out);
      case "connect_no_route" -> noRoute(c, in, out);
      case "connect_timeout" -> timeout(c, in, out);
      case "connect_no_local_port" -> out.add(new Cause("ephemeral_ports", "the client ran out of local ports",
          List.of("connect failed with EADDRNOTAVAIL (" + error + ")", ports(in)),
          "widen net.ipv4.ip_local_port_range, reuse connections, or enable tcp_tw_reuse"));
      case "first_byte_timeout", "first_byte_closed", "first_byte_reset" -> firstByte(c, in, out);
      case "http_status" -> out.add(new Cause("application_error", "the service answered HTTP " + c.status(),
          List.of("connected in " + ms(c.connectMs()) + ", status " + c.status()),
          "read the service's own log for that request"));
      case "transfer_timeout", "transfer_reset", "transfer_closed" -> out.add(new Cause("transfer",
          "the reply stopped part way", List.of(error + " after " + ms(c.firstByteMs()) + " to the first byte",
          retrans(in)), "a slow or stuck application, or a path MTU black hole (large replies fail, small work)"));
      default -> {
        if (!error.startsWith("tls_cert_expired") && error.startsWith("tls_")) {
          out.add(new Cause("tls", "the TLS handshake failed (" + error + ")", List.of("connected in "
              + ms(c.connectMs())), "check the certificate chain, its names and the protocols the server offers"));
        } else if (out.isEmpty()) {
          out.add(new Cause("unknown", "the check failed with " + error, List.of(), "see docs/checks.md"));
        }
      }
    }
    return out;
  }

  private static void refused(CheckSample c, Inside.View in, List<Cause> out) {
    if (!in.serverHere()) {
      out.add(new Cause("service_down_or_rejected", "refused by " + c.addr()
          + ": nothing listens there, or a firewall REJECTs", List.of("refused in " + ms(c.connectMs())
          + " (a reset or ICMP unreachable came back)", "the address is not on this host: no inside facts"),
          "run medic diagnose on the server, or ss -ltnp there"));
      return;
    }
    if (in.listeners().isEmpty()) {
      List<String> evidence = new ArrayList<>(List.of("refused in " + ms(c.connectMs()), "nothing listens on port "
          + c.port() + " in " + in.netns() + listenersElsewhere(in)));
      out.add(new Cause("service_down", "the service is down: nothing listens on port " + c.port(), evidence,
          "start the service (systemctl status / journalctl -u <unit> say why it stopped)"));
      if (!in.recentOomKills().isEmpty()) {
        // a one-shot diagnose has not seen who had the port: the agent joins the kill to the last owner
        OomKill k = in.recentOomKills().get(in.recentOomKills().size() - 1);
        List<String> oom = new ArrayList<>(evidence);
        oom.add("the kernel OOM-killed pid " + k.pid() + " (" + k.comm() + ") at " + Instant.ofEpochMilli(
            k.kernelTime()) + (k.global() ? ", system out of memory" : ", limit of cgroup " + k.oomCgroup()));
        out.add(new Cause("service_oom_killed", "the service may have been OOM-killed (if " + k.comm()
            + " had the port)", oom, "restart it and look at its memory: medic probe, the memory runbooks"));
      }
      return;
    }
    ListenerSample l = in.listeners().get(0);
    TcpSample t = in.tcp();
    List<String> evidence = new ArrayList<>(List.of("refused in " + ms(c.connectMs()),
        "a listener is there: " + listener(l)));
    firewallEvidence(in, "reject", evidence);
    if (t != null && t.newOutRsts() != null && t.newOutRsts() == 0) {
      evidence.add("the kernel sent no reset in " + in.windowMs() + " ms (Tcp OutRsts +0): the refusal came from "
          + "a firewall rule (REJECT with tcp-reset), not from the socket");
      out.add(new Cause("firewall_reject", "a firewall REJECTs connections to port " + c.port(), evidence,
          "find the rule (iptables -S, nft list ruleset) and allow the clients that need the port"));
    } else {
      evidence.add("the kernel sent resets (Tcp OutRsts " + delta(t == null ? null : t.newOutRsts()) + ")");
      out.add(new Cause("firewall_reject", "a firewall REJECTs, or the listener is not the one the client reaches",
          evidence, "compare the listener's address with the target's; find a REJECT rule (iptables -S)"));
    }
  }

  private static void noRoute(CheckSample c, Inside.View in, List<Cause> out) {
    TcpSample t = in.tcp();
    if (in.serverHere() && !in.listeners().isEmpty() && t != null && t.newIcmpOutDestUnreachs() != null
        && t.newIcmpOutDestUnreachs() > 0) {
      List<String> evidence = new ArrayList<>(List.of("an ICMP unreachable came back in " + ms(c.connectMs()),
          "a listener is there: " + listener(in.listeners().get(0)), "the server sent ICMP unreachables (Icmp "
          + "OutDestUnreachs +" + t.newIcmpOutDestUnreachs() + "): a firewall REJECT with an ICMP reply"));
      firewallEvidence(in, "reject", evidence);
      out.add(new Cause("firewall_reject", "a firewall REJECTs connections to port " + c.port(), evidence,
          "find the rule (iptables -S, nft list ruleset) and allow the clients that need the port"));
      return;
    }
    out.add(new Cause("no_route", "no route to " + c.addr(), List.of("connect failed with EHOSTUNREACH",
        route(in)), "check the client's routes (ip route get " + c.addr() + ") and the path's firewalls"));
  }

  private static void timeout(CheckSample c, Inside.View in, List<Cause> out) {
    String symptom = "no answer to the SYN within " + ms(c.totalMs()) + " (connect_timeout)";
    if (!in.serverHere()) {
      out.add(new Cause("drop_or_loss", "the SYN got no answer: a firewall DROP, a full accept queue or conntrack "
          + "table on the server, or loss on the path", List.of(symptom, "the address is not on this host: the "
          + "inside facts that tell these apart are on the server"), "run medic diagnose on the server"));
      return;
    }
    TcpSample t = in.tcp();
    ConntrackSample ct = in.conntrack();
    ListenerSample l = in.listeners().isEmpty() ? null : in.listeners().get(0);
    boolean queueFull = l != null && l.backlog() != null && l.acceptQueue() >= l.backlog();
    boolean overflows = t != null && t.newListenOverflows() != null && t.newListenOverflows() > 0;
    if (l != null && (queueFull || overflows)) {
      List<String> evidence = new ArrayList<>(List.of(symptom, "accept queue " + l.acceptQueue() + " of backlog "
          + (l.backlog() == null ? "?" : l.backlog()) + ": " + listener(l)));
      if (t != null) {
        evidence.add("TcpExt ListenOverflows " + delta(t.newListenOverflows()) + ", ListenDrops "
            + delta(t.newListenDrops()) + " in " + in.windowMs() + " ms: the kernel dropped the SYN");
      }
      out.add(new Cause("accept_queue_overflow", "the accept queue of port " + c.port() + " is full: "
          + (l.comm() == null ? "the owner" : l.comm()) + " is not accepting fast enough", evidence,
          "look at the owner (stuck threads, fd limit); raise its listen() backlog and net.core.somaxconn"));
    }
    boolean ctFull = ct != null && ((ct.usedPercent() != null && ct.usedPercent() >= 100)
        || (ct.newDrops() != null && ct.newDrops() > 0));
    if (ctFull) {
      out.add(new Cause("conntrack_full", "the conntrack table is full: new connections are dropped",
          List.of(symptom, "conntrack " + ct.count() + " of " + ct.max() + " (" + pct(ct.usedPercent())
              + "), drops " + delta(ct.newDrops())),
          "raise net.netfilter.nf_conntrack_max, or find what fills it (conntrack -L | sort)"));
    }
    if (out.isEmpty()) {
      List<String> evidence = new ArrayList<>(List.of(symptom, l == null ? "nothing listens on port " + c.port()
          + " either, and no reset came back: packets are dropped before the socket"
          : "a listener is there with room in its queue: " + listener(l),
          "no accept-queue overflow (ListenOverflows " + delta(t == null ? null : t.newListenOverflows())
              + "), no conntrack drops (" + (ct == null ? "no conntrack" : "drops " + delta(ct.newDrops())) + ")"));
      boolean dropRule = firewallEvidence(in, "drop", evidence);
      evidence.add("a DROP moves no TCP counter on the server; loss would show as SYN retransmits: "
          + retrans(in));
      out.add(new Cause("firewall_drop", dropRule ? "a firewall DROPs the SYNs to port " + c.port()
          : "a firewall DROP (or loss on the path) eats the SYNs to port " + c.port(), evidence,
          "find the DROP rule (iptables -S -v, nft list ruleset) or the lossy link (ip -s link, tc -s qdisc)"));
    }
  }

  private static void firstByte(CheckSample c, Inside.View in, List<Cause> out) {
    String symptom = "connected in " + ms(c.connectMs()) + ", then no reply (" + c.error() + " after "
        + ms(c.totalMs()) + ")";
    ListenerSample l = in.listeners().isEmpty() ? null : in.listeners().get(0);
    if (in.ownerFds() != null && in.ownerFds().percent() != null
        && in.ownerFds().percent() >= FD_EXHAUSTED_PERCENT) {
      List<String> evidence = new ArrayList<>(List.of(symptom, "the owner pid " + in.ownerFds().pid() + " has "
          + in.ownerFds().open() + " of " + in.ownerFds().limit() + " open files: accept() fails with EMFILE"));
      if (l != null) {
        evidence.add("the connections wait in its accept queue: " + listener(l));
      }
      out.add(new Cause("fd_exhaustion", "the service is out of file descriptors", evidence,
          "raise its limit (LimitNOFILE=, ulimit -n) and find the leak (ls -l /proc/" + in.ownerFds().pid()
              + "/fd)"));
      return;
    }
    List<String> evidence = new ArrayList<>(List.of(symptom));
    if (l != null) {
      evidence.add("listener: " + listener(l));
    }
    if (in.ownerFds() != null) {
      evidence.add("the owner's open files are fine: " + in.ownerFds().open() + " of "
          + (in.ownerFds().limit() == null ? "unlimited" : in.ownerFds().limit()));
    }
    out.add(new Cause("application_hung", "the service accepts but does not answer: hung or starved", evidence,
        "look at the owner's threads and state (D state, CPU, memory pressure): capture a stack"));
  }

  private static Cause resolver(CheckSample c, Inside.View in) {
    List<String> evidence = new ArrayList<>(List.of("nameserver " + c.addr() + ": " + c.error()
        + (c.rcode() == null ? "" : " (" + c.rcode() + ")") + " after " + ms(c.totalMs())));
    if (in.resolver() != null) {
      evidence.add("resolv.conf: " + in.resolver().nameservers() + ", timeout " + in.resolver().timeoutS()
          + "s, attempts " + in.resolver().attempts());
    }
    String title = switch (c.error()) {
      case "dns_no_such_name" -> "the name does not exist (NXDOMAIN from " + c.addr() + ")";
      case "dns_timeout" -> "nameserver " + c.addr() + " does not answer: every lookup waits its timeout";
      default -> "nameserver " + c.addr() + " fails: " + c.error();
    };
    return new Cause("resolver", title, evidence, c.error().equals("dns_no_such_name")
        ? "check the name and the search domains" : "fix or remove the failing nameserver in resolv.conf");
  }

  /** Adds the grown rules of {@code verdict} as evidence; whether there was one. */
  private static boolean firewallEvidence(Inside.View in, String verdict, List<String> evidence) {
    boolean any = false;
    for (FirewallRules.Grown g : in.firewall()) {
      if (g.rule().verdict().equals(verdict)) {
        evidence.add("firewall " + g.rule().table() + " " + g.rule().text() + ": +" + g.packets() + " packets "
            + "during the check");
        any = true;
      }
    }
    return any;
  }

  private static String listenersElsewhere(Inside.View in) {
    if (in.otherAddresses().isEmpty()) {
      return "";
    }
    return " (the port is bound to " + in.otherAddresses().stream().map(ListenerSample::addr).toList()
        + " only)";
  }

  static String listener(ListenerSample l) {
    return l.addr() + ":" + l.port() + " queue " + l.acceptQueue() + "/" + (l.backlog() == null ? "?"
        : l.backlog()) + (l.pid() == null ? ", owner unknown" : ", " + l.comm() + " pid " + l.pid());
  }

  private static String ports(Inside.View in) {
    return in.ports() == null ? "port range unknown" : "port range " + in.ports().rangeLow() + "-"
        + in.ports().rangeHigh() + " (" + in.ports().rangeSize() + " ports), TIME_WAIT "
        + (in.sockets() == null ? "?" : in.sockets().tcpTimeWait());
  }

  private static String route(Inside.View in) {
    return in.route() == null ? "no route facts" : in.route().hasDefault() ? "default route via "
        + in.route().defaultVia() + " dev " + in.route().defaultDev() : "no default route";
  }

  private static String retrans(Inside.View in) {
    TcpSample t = in.tcp();
    return t == null ? "no TCP counters" : "TCPSynRetrans " + delta(t.newSynRetrans()) + ", RetransSegs "
        + delta(t.newRetransSegs());
  }

  static String ms(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
  }

  private static String pct(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.0f%%", v);
  }

  private static String delta(Long v) {
    return v == null ? "?" : "+" + v;
  }
}
