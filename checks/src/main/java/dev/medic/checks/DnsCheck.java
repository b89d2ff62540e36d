package dev.medic.checks;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.etc.ResolvConfReader;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One UDP query to one nameserver, with its rcode, answer count and round trip. Without a configured nameserver
 * the check asks every nameserver of the resolver's {@code resolv.conf} separately (one fact each): a silent first
 * nameserver costs every lookup its timeout, and only a per-nameserver check shows which one it is. The file is the
 * one {@link ResolvConfReader} reads for that namespace ({@code /etc/netns/<name>/resolv.conf} for a named one when
 * it exists, as {@code ip netns exec} mounts it; the process's own for {@code /proc/<pid>/ns/net}).
 */
final class DnsCheck implements Check {

  private static final Pattern WITH_PORT = Pattern.compile("\\[?([^\\]]+?)\\]?(?::(\\d{1,5}))?");
  private static final SecureRandom IDS = new SecureRandom();

  private final HostRoot root;
  private final ResolvConfReader resolvConf;

  /** @param root where {@code /etc}, {@code /proc} and {@code /run/netns} are */
  DnsCheck(HostRoot root) {
    this.root = root;
    this.resolvConf = new ResolvConfReader(root, new ProbeMetrics());
  }

  /** The nameservers of the namespace's resolver, in the order it tries them (the resolver fact's reader). */
  @Override
  public List<String> targets(CheckSpec spec) {
    CheckSpec.Dns dns = (CheckSpec.Dns) spec;
    if (dns.nameserver().isPresent()) {
      return List.of("");
    }
    try {
      return resolvConf.read(0, NamespaceThreads.namespace(root, dns.netns()))
          .map(r -> r.nameservers().isEmpty() ? List.<String>of() : List.of(r.nameservers().split(",")))
          .orElse(List.of());
    } catch (IOException e) {
      return List.of(); // the namespace is gone: the runner reports the check as failed
    }
  }

  @Override
  public void run(CheckSpec spec, String target, Attempt a) {
    CheckSpec.Dns dns = (CheckSpec.Dns) spec;
    a.host = dns.qname();
    String server = target.isEmpty() ? dns.nameserver().orElseThrow() : target;
    InetSocketAddress ns = address(server, a);
    a.addr = server;
    a.begin(Phase.QUERY);
    int id = IDS.nextInt(0x10000);
    byte[] query = DnsWire.query(id, dns.qname(), dns.type());
    try (DatagramSocket socket = new DatagramSocket()) {
      a.register(socket);
      socket.connect(ns);
      long sent = System.nanoTime();
      socket.send(new DatagramPacket(query, query.length));
      byte[] buf = new byte[4096];
      while (true) {
        socket.setSoTimeout(a.remainingMillis());
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        DnsWire.Reply r = DnsWire.reply(buf, p.getLength()).orElse(null);
        if (r == null || r.id() != id || !r.response()) {
          continue; // not our answer: keep waiting until the deadline
        }
        a.rttMs = Attempt.round((System.nanoTime() - sent) / 1e6);
        a.rcode = r.rcodeName();
        a.answers = r.answers();
        classify(r, a);
        a.end();
        return;
      }
    } catch (PortUnreachableException e) {
      throw a.fail(ErrorKind.DNS_UNREACHABLE, "nothing listens on " + server);
    } catch (SocketTimeoutException e) {
      throw a.fail(ErrorKind.DNS_TIMEOUT, "no reply from " + server);
    } catch (IOException e) {
      throw a.fail(a.cancelled() ? ErrorKind.DNS_TIMEOUT : ErrorKind.DNS_UNREACHABLE, e.toString());
    }
  }

  private static void classify(DnsWire.Reply r, Attempt a) {
    ErrorKind kind = switch (r.rcode()) {
      case 0 -> r.answers() == 0 ? ErrorKind.DNS_NO_ANSWER : null;
      case 2 -> ErrorKind.DNS_SERVER_FAILURE;
      case 3 -> ErrorKind.DNS_NO_SUCH_NAME;
      case 5 -> ErrorKind.DNS_REFUSED;
      default -> ErrorKind.DNS_RCODE;
    };
    if (kind != null) {
      throw a.fail(kind, r.rcodeName());
    }
  }

  /** {@code 10.0.0.2}, {@code 127.0.0.1:5353}, {@code [::1]:53}; port 53 by default. Literal addresses only. */
  static InetSocketAddress address(String server, Attempt a) {
    Matcher m = WITH_PORT.matcher(server);
    String host = server;
    int port = 53;
    if (!server.contains("::") || server.startsWith("[")) {
      if (m.matches()) {
        host = m.group(1);
        port = m.group(2) == null ? 53 : Integer.parseInt(m.group(2));
      }
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw a.fail(ErrorKind.DNS_UNREACHABLE, "nameserver '" + server + "' is not an address");
    }
  }
}
