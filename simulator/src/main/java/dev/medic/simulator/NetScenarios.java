package dev.medic.simulator;

import static dev.medic.simulator.ScenarioWriter.POSTGRES;
import static dev.medic.simulator.ScenarioWriter.SHOP;
import static dev.medic.simulator.ScenarioWriter.SHOP_CGROUP;
import static dev.medic.simulator.ScenarioWriter.baselineSystem;
import static dev.medic.simulator.SyntheticHost.GIB;
import static dev.medic.simulator.SyntheticHost.MIB;

import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.ConntrackSample;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.NicSample;
import dev.medic.probes.facts.PortsSample;
import dev.medic.probes.facts.ResolverSample;
import dev.medic.probes.facts.TcpSample;
import dev.medic.simulator.ScenarioWriter.Scenario;
import dev.medic.simulator.SyntheticHost.Proc;
import java.util.List;

/**
 * The network scenarios of the pack's replay tests: the shop service (java, pid 1210, {@code shop.service})
 * listens on 0.0.0.0:8080 with a backlog of 4096 and is checked from the host as {@code shop-http}; each scenario
 * breaks one thing from a chosen sweep on, the way the fault lab of the network reference broke it, and keeps the
 * inside facts consistent with it (the counters that move, the ones that stay still). Deterministic, like
 * {@link ScenarioWriter}, whose list includes these.
 */
final class NetScenarios {

  static final String HOST = "host";
  static final int PORT = 8080;
  static final long BACKLOG = 4096;
  static final long INODE = 48_211;

  private NetScenarios() {}

  static List<Scenario> all() {
    return List.of(serviceOom(), serviceStopped(), restartBlip(), firewallReject(), acceptOverflow(), firewallDrop(),
        conntrackFull(), fdExhaustion(), packetLoss(), retransSawtooth(), dnsSlow(), dnsFailing(), portsExhausted(),
        tlsCertificates());
  }

  // ---- the quiet host, network side ----

  /** Memory, processes and the inside network facts of a host where nothing is wrong. */
  static void quiet(int i, SyntheticHost h, boolean shopAlive) {
    baselineSystem(i, h, 6 * GIB, 0, 1.2, 0, 40, 0, 0);
    h.cgroup(SHOP_CGROUP, shopAlive ? 2460 * MIB : 8 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
    h.process(ScenarioWriter.SYSTEMD, 12 * MIB, null, null, 94)
        .process(POSTGRES, 1126 * MIB, 620 * MIB, 210 * MIB, 48);
    if (shopAlive) {
      h.process(SHOP, 2400 * MIB, 2350 * MIB, 2300 * MIB, 310);
    }
    h.fact(ports(h)).fact(resolver(h, "10.0.0.2,10.0.0.3", 2));
  }

  /** The shop's listener with {@code queue} connections waiting. */
  static ListenerSample listener(SyntheticHost h, long queue) {
    return new ListenerSample(h.ts(), HOST + " 0.0.0.0:" + PORT, HOST, "0.0.0.0", PORT, queue, BACKLOG,
        SyntheticHost.round(Math.min(100.0, 100.0 * queue / BACKLOG)), INODE, SHOP.pid(), SHOP.comm(), "shop.service");
  }

  /** TCP counters of the host namespace per sweep; all deltas null on the first sweep. */
  record Tcp(long overflows, long synRetrans, long retrans, long outSegs, long outRsts, long icmpOutUnreach,
      long timeouts) {

    static Tcp quiet() {
      return new Tcp(0, 0, 3, 2000, 2, 0, 0);
    }

    TcpSample sample(int i, long ts) {
      boolean first = i == 0;
      Double retransPercent = first || outSegs < 100 ? null : SyntheticHost.round(100.0 * retrans / outSegs);
      return new TcpSample(ts, HOST, 40L, n(first, overflows), n(first, overflows), n(first, synRetrans),
          n(first, timeouts), n(first, retrans), n(first, outSegs), retransPercent, n(first, 0), n(first, outRsts),
          n(first, 0), n(first, 0), n(first, 0), n(first, 0), n(first, 0), n(first, 0), n(first, 0), n(first, 0),
          n(first, 0), n(first, 0), n(first, 30), n(first, 60), n(first, 0), n(first, 0), n(first, icmpOutUnreach),
          n(first, 0), n(first, 0));
    }

    private static Long n(boolean first, long v) {
      return first ? null : v;
    }
  }

  static ConntrackSample conntrack(int i, SyntheticHost h, long count, long drops) {
    long max = 262_144;
    return new ConntrackSample(h.ts(), HOST, count, max, SyntheticHost.round(100.0 * count / max),
        i == 0 ? null : drops, i == 0 ? null : drops / 4, i == 0 ? null : 0L, i == 0 ? null : 0L);
  }

  static PortsSample ports(SyntheticHost h) {
    return new PortsSample(h.ts(), HOST, 32_768L, 60_999L, 28_232L, 2);
  }

  static ResolverSample resolver(SyntheticHost h, String nameservers, int count) {
    return new ResolverSample(h.ts(), HOST, nameservers, count, 5, 2, false, 1, "shop.internal");
  }

  static NicSample nic(int i, SyntheticHost h, long rxDrops) {
    boolean first = i == 0;
    long packets = 120_000;
    return new NicSample(h.ts(), HOST + " eth0", HOST, "eth0", true, true, 1500L, 10_000L, first ? null : packets,
        first ? null : rxDrops, first ? null : 0L, first ? null : packets, first ? null : 0L, first ? null : 0L,
        first ? null : SyntheticHost.round(100.0 * rxDrops / packets), first ? null : 0L);
  }

  /** An http check of the shop that worked. */
  static CheckSample httpOk(SyntheticHost h) {
    return new CheckSample(h.ts(), "shop-http", "http", "127.0.0.1", PORT, "127.0.0.1", HOST, true, null, null, 0.0,
        0.4, null, 2.1, 0.3, 2.9, 200, 5120L, null, null, null, null, null, null, 0);
  }

  /** An http check of the shop that failed in {@code phase} with {@code error}, after {@code failures} in a row. */
  static CheckSample httpFailed(SyntheticHost h, String phase, String error, Double connectMs, double totalMs,
      int failures) {
    return new CheckSample(h.ts(), "shop-http", "http", "127.0.0.1", PORT, "127.0.0.1", HOST, false, phase, error,
        0.0, connectMs, null, null, null, totalMs, null, null, null, null, null, null, null, null, failures);
  }

  static Scenario scenario(String name, String about, int sweeps, ScenarioWriter.Sweep sweep) {
    return new Scenario(name, about, 10_000L, sweeps, sweep);
  }

  // ---- service down ----

  static Scenario serviceOom() {
    return scenario("net-service-oom", "the shop service grows until its cgroup OOM-kills it at 60s; from then on "
        + "nothing listens on 8080 and shop-http is refused", 13, (i, h) -> {
          int kill = 6;
          quiet(i, h, i < kill);
          if (i < kill) {
            h.fact(listener(h, 0)).fact(httpOk(h));
          } else {
            h.fact(httpFailed(h, "connect", "connect_refused", 0.1, 0.2, i - kill + 1));
          }
          h.fact(new Tcp(0, 0, 3, 2000, i < kill ? 2 : 14, 0, 0).sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
          if (i == kill) {
            h.oomKill(SHOP, 3 * GIB + 900 * MIB, "java", SHOP_CGROUP);
          }
        });
  }

  static Scenario serviceStopped() {
    return scenario("net-service-stopped", "the shop service exits at 60s without an OOM kill (stopped or crashed); "
        + "shop-http is refused from then on", 13, (i, h) -> {
          int gone = 6;
          quiet(i, h, i < gone);
          h.fact(i < gone ? listener(h, 0) : httpFailed(h, "connect", "connect_refused", 0.1, 0.2, i - gone + 1));
          if (i < gone) {
            h.fact(httpOk(h));
          }
          h.fact(new Tcp(0, 0, 3, 2000, i < gone ? 2 : 14, 0, 0).sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }

  static Scenario restartBlip() {
    return scenario("net-restart-blip", "the shop service is restarted at 50s: one sweep without a listener and "
        + "one refused check, then a new process listens again", 12, (i, h) -> {
          Proc shop = i < 5 ? SHOP : SHOP.withPid(5120, ScenarioWriter.STARTED_AT + 52_000L);
          quiet(i, h, false);
          if (i != 5) {
            h.process(shop, 2400 * MIB, 2350 * MIB, 2300 * MIB, 310);
            ListenerSample l = listener(h, 0);
            h.fact(new ListenerSample(l.timestamp(), l.listen(), l.netns(), l.addr(), l.port(), 0, BACKLOG, 0.0,
                i < 5 ? INODE : INODE + 9, shop.pid(), shop.comm(), "shop.service")).fact(httpOk(h));
          } else {
            h.fact(httpFailed(h, "connect", "connect_refused", 0.1, 0.2, 1));
          }
          h.fact(Tcp.quiet().sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }

  // ---- refused or timing out while the service listens ----

  static Scenario firewallReject() {
    return scenario("net-firewall-reject", "a REJECT rule (icmp port-unreachable) is added for 8080 at 50s: the "
        + "shop still listens, shop-http is refused, the host sends ICMP unreachables", 12, (i, h) -> {
          boolean rule = i >= 5;
          quiet(i, h, true);
          h.fact(listener(h, 0)).fact(rule ? httpFailed(h, "connect", "connect_refused", 0.2, 0.3, i - 4)
              : httpOk(h));
          h.fact(new Tcp(0, 0, 3, 2000, 2, rule ? 6 : 0, 0).sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }

  static Scenario acceptOverflow() {
    return scenario("net-accept-overflow", "the shop stops calling accept() at 40s: its accept queue fills "
        + "(4096/4096), the kernel counts ListenOverflows, clients time out connecting", 12, (i, h) -> {
          boolean stuck = i >= 4;
          quiet(i, h, true);
          h.fact(listener(h, stuck ? BACKLOG + 1 : 0));
          h.fact(stuck ? httpFailed(h, "connect", "connect_timeout", null, 3000.0, i - 3) : httpOk(h));
          h.fact(new Tcp(stuck ? 150 : 0, stuck ? 300 : 0, 3, 2000, 2, 0, 0).sample(i, h.ts()))
              .fact(conntrack(i, h, 6100, 0));
        });
  }

  static Scenario firewallDrop() {
    return scenario("net-firewall-drop", "a DROP rule for 8080 is added at 40s: the shop listens with an empty "
        + "queue, its TCP counters stay still, shop-http times out connecting", 12, (i, h) -> {
          boolean rule = i >= 4;
          quiet(i, h, true);
          h.fact(listener(h, 0));
          h.fact(rule ? httpFailed(h, "connect", "connect_timeout", null, 3000.0, i - 3) : httpOk(h));
          h.fact(Tcp.quiet().sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }

  static Scenario conntrackFull() {
    return scenario("net-conntrack-full", "a burst of short connections fills the conntrack table at 40s "
        + "(262144/262144): new flows are dropped, shop-http times out connecting", 12, (i, h) -> {
          boolean full = i >= 4;
          quiet(i, h, true);
          h.fact(listener(h, 0));
          h.fact(full ? httpFailed(h, "connect", "connect_timeout", null, 3000.0, i - 3) : httpOk(h));
          h.fact(Tcp.quiet().sample(i, h.ts()))
              .fact(conntrack(i, h, full ? 262_144 : ScenarioWriter.ramp(i, 0, 4, 180_000, 262_000), full ? 40 : 0));
        });
  }

  static Scenario fdExhaustion() {
    return scenario("net-fd-exhaustion", "the shop leaks file descriptors under a soft limit of 1024 and reaches "
        + "it at 40s: connections wait in its queue, shop-http gets no first byte", 12, (i, h) -> {
          int fds = (int) ScenarioWriter.ramp(i, 0, 4, 700, 1024);
          baselineSystem(i, h, 6 * GIB, 0, 1.2, 0, 40, 0, 0);
          h.cgroup(SHOP_CGROUP, 2460 * MIB, 4 * GIB, 0, i == 0 ? null : 0L);
          h.process(ScenarioWriter.SYSTEMD, 12 * MIB, null, null, 94)
              .process(POSTGRES, 1126 * MIB, 620 * MIB, 210 * MIB, 48)
              .process(SHOP, 2400 * MIB, 2350 * MIB, 2300 * MIB, fds);
          h.limits(SHOP, 1024, 524_288, fds).limits(POSTGRES, 65_536, 524_288, 48);
          h.fact(ports(h)).fact(resolver(h, "10.0.0.2,10.0.0.3", 2));
          boolean full = fds >= 1024;
          h.fact(listener(h, full ? 37 : 0));
          h.fact(full ? new CheckSample(h.ts(), "shop-http", "http", "127.0.0.1", PORT, "127.0.0.1", HOST, false,
              "firstByte", "first_byte_timeout", 0.0, 0.4, null, null, null, 3000.0, null, null, null, null, null, null,
              null, null, i - 3) : httpOk(h));
          h.fact(Tcp.quiet().sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }

  // ---- loss ----

  static Scenario packetLoss() {
    return scenario("net-packet-loss", "from 30s one packet in ten is lost on eth0: 10% of segments are "
        + "retransmitted, SYNs are retried, connects take whole seconds", 14, (i, h) -> {
          boolean lossy = i >= 3;
          quiet(i, h, true);
          h.fact(listener(h, 0));
          h.fact(lossy ? new CheckSample(h.ts(), "shop-http", "http", "127.0.0.1", PORT, "127.0.0.1", HOST, true,
              null, null, 0.0, 1003.1, null, 1005.0, 2.0, 1010.4, 200, 5120L, null, null, null, null, null, null, 0)
              : httpOk(h));
          h.fact(new Tcp(0, lossy ? 12 : 0, lossy ? 200 + 10 * i : 3, 2000, 2, 0, lossy ? 9 : 0).sample(i, h.ts()))
              .fact(conntrack(i, h, 2100, 0)).fact(nic(i, h, lossy ? 12_000 : 0));
        });
  }

  static Scenario retransSawtooth() {
    return scenario("net-retrans-sawtooth", "retransmits come and go: 7% in one sweep, 1% in the next, and a "
        + "steady 3% after 1m; never 5% for a whole minute", 14, (i, h) -> {
          quiet(i, h, true);
          h.fact(listener(h, 0)).fact(httpOk(h));
          long retrans = i < 6 ? (i % 2 == 1 ? 140 : 20) : 60;
          h.fact(new Tcp(0, 0, retrans, 2000, 2, 0, 0).sample(i, h.ts())).fact(conntrack(i, h, 2100, 0))
              .fact(nic(i, h, 0));
        });
  }

  // ---- DNS ----

  /** A DNS check of {@code name} through the resolver. */
  static CheckSample dns(SyntheticHost h, String check, String name, boolean ok, String error, String rcode,
      double resolveMs, int failures) {
    return new CheckSample(h.ts(), check, "dns", name, null, null, HOST, ok, ok ? null : "resolve", error,
        resolveMs, null, null, null, null, resolveMs, null, null, null, null, null, rcode, ok ? 1 : 0, null, failures);
  }

  static Scenario dnsSlow() {
    return scenario("net-dns-slow", "the first nameserver (10.0.0.2) stops answering at 30s: every lookup of "
        + "shop.internal waits its 1 s timeout and the second answers; a check of a misspelt name fails throughout",
        14, (i, h) -> {
          quiet(i, h, true);
          h.fact(listener(h, 0)).fact(httpOk(h));
          h.fact(dns(h, "shop-dns", "shop.internal", true, null, "NOERROR", i >= 3 ? 1004.2 + i : 1.3, 0));
          h.fact(dns(h, "typo-dns", "shpo.internal", false, "dns_no_such_name", "NXDOMAIN", 1.1, i + 1));
          h.fact(Tcp.quiet().sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }

  static Scenario dnsFailing() {
    return scenario("net-dns-failing", "both nameservers stop answering at 30s: every lookup of shop.internal "
        + "times out", 10, (i, h) -> {
          quiet(i, h, true);
          h.fact(listener(h, 0)).fact(httpOk(h));
          boolean down = i >= 3;
          h.fact(dns(h, "shop-dns", "shop.internal", !down, down ? "dns_timeout" : null, down ? null : "NOERROR",
              down ? 5000.0 : 1.4, down ? i - 2 : 0));
          h.fact(Tcp.quiet().sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }

  // ---- ports and certificates ----

  static Scenario portsExhausted() {
    return scenario("net-ports-exhausted", "the shop opens a new connection per request to the payments API; from "
        + "40s every local port of the range is in TIME_WAIT and the check's connect gets EADDRNOTAVAIL", 10,
        (i, h) -> {
          quiet(i, h, true);
          h.fact(listener(h, 0)).fact(httpOk(h));
          boolean out = i >= 4;
          h.fact(new CheckSample(h.ts(), "payments-api", "https", "10.0.5.20", 443, "10.0.5.20", HOST, !out,
              out ? "connect" : null, out ? "connect_no_local_port" : null, 0.0, out ? null : 0.9,
              out ? null : 4.2, out ? null : 12.0, out ? null : 0.5, out ? 0.1 : 17.6, out ? null : 200,
              out ? null : 812L, "2027-03-01T00:00:00Z", 86.0, out ? null : "TLSv1.3", null, null, null,
              out ? i - 3 : 0));
          h.fact(Tcp.quiet().sample(i, h.ts())).fact(conntrack(i, h, 30_000, 0));
        });
  }

  /** An https check with the certificate {@code daysLeft} from expiry. */
  static CheckSample https(SyntheticHost h, String name, String host, double daysLeft, String notAfter) {
    boolean expired = daysLeft < 0;
    return new CheckSample(h.ts(), name, "https", host, 443, "127.0.0.1", HOST, !expired, expired ? "tls" : null,
        expired ? "tls_cert_expired" : null, 0.2, 0.3, 3.1, expired ? null : 4.0, expired ? null : 0.4,
        expired ? 3.6 : 8.0, expired ? null : 200, expired ? null : 2048L, notAfter, daysLeft,
        expired ? null : "TLSv1.3", null, null, null, expired ? 1 : 0);
  }

  static Scenario tlsCertificates() {
    return scenario("net-tls-certificates", "three https checks: the shop's certificate expires in 9.5 days, the "
        + "billing service's expired 2.3 days ago, the API's has 80 days left", 10, (i, h) -> {
          quiet(i, h, true);
          h.fact(listener(h, 0)).fact(httpOk(h));
          double days = i * 10 / 86_400.0;
          h.fact(https(h, "shop-https", "shop.example.com", 9.5 - days, "2026-01-10T12:00:00Z"))
              .fact(https(h, "billing-https", "billing.example.com", -2.3 - days, "2025-12-29T16:48:00Z"))
              .fact(https(h, "api-https", "api.example.com", 80 - days, "2026-03-22T00:00:00Z"));
          h.fact(Tcp.quiet().sample(i, h.ts())).fact(conntrack(i, h, 2100, 0));
        });
  }
}
