package dev.medic.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One echo with the {@code ping} binary (the JDK has no ICMP API, and raw sockets need root where ping has a
 * capability): {@code ping -n -c 1 -W <seconds> <host>} as an argument list, never through a shell, its summary
 * parsed. The process is registered with the attempt, so the watchdog kills it at the timeout; it is started from
 * the calling thread, so it runs in that thread's network namespace.
 */
final class IcmpCheck implements Check {

  private static final Logger LOG = LoggerFactory.getLogger(IcmpCheck.class);
  private static final Pattern SENT = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
  private static final Pattern RTT = Pattern.compile("= ([\\d.]+)/([\\d.]+)/([\\d.]+)/([\\d.]+) ms");
  private static final Pattern ADDRESS = Pattern.compile("^PING \\S+ \\(([^)]+)\\)", Pattern.MULTILINE);

  /** What a ping summary says. */
  record Summary(int transmitted, int received, Double rttMs, String address) {}

  private final String binary;

  IcmpCheck(String binary) {
    this.binary = binary;
  }

  /** {@code 1 packets transmitted, 1 received, … rtt min/avg/max/mdev = 0.3/0.3/0.3/0.0 ms}; empty without it. */
  static Optional<Summary> parse(String output) {
    Matcher m = SENT.matcher(output);
    if (!m.find()) {
      return Optional.empty();
    }
    Matcher rtt = RTT.matcher(output);
    Matcher addr = ADDRESS.matcher(output);
    return Optional.of(new Summary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        rtt.find() ? Double.parseDouble(rtt.group(2)) : null, addr.find() ? addr.group(1) : null));
  }

  @Override
  public void run(CheckSpec spec, String target, Attempt a) throws InterruptedException {
    CheckSpec.Icmp icmp = (CheckSpec.Icmp) spec;
    a.host = icmp.host();
    a.begin(Phase.ECHO);
    long seconds = Math.max(1, (spec.timeout().toMillis() + 999) / 1000);
    List<String> command = List.of(binary, "-n", "-c", "1", "-W", Long.toString(seconds), "--", icmp.host());
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
    } catch (IOException e) {
      LOG.warn("icmp check {}: cannot run {}: {} (install iputils-ping)", spec.name(), binary, e.getMessage());
      throw a.fail(ErrorKind.ICMP_UNAVAILABLE, "cannot run " + binary + ": " + e.getMessage());
    }
    a.register(() -> p.destroyForcibly());
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
    } catch (IOException e) {
      output = "";
    }
    int exit = p.waitFor();
    Optional<Summary> summary = parse(output);
    summary.map(Summary::address).ifPresent(addr -> a.addr = addr);
    if (summary.isPresent() && summary.get().received() > 0) {
      a.rttMs = summary.get().rttMs();
      a.end();
      return;
    }
    if (summary.isPresent() || exit == 1) {
      throw a.fail(ErrorKind.ICMP_NO_REPLY, "no echo reply");
    }
    String text = output.strip();
    if (text.contains("Name or service not known")) {
      a.begin(Phase.RESOLVE);
      throw a.fail(ErrorKind.DNS_NO_SUCH_NAME, text);
    }
    if (text.contains("unreachable")) {
      throw a.fail(ErrorKind.CONNECT_NO_ROUTE, text);
    }
    throw a.fail(a.cancelled() ? ErrorKind.ICMP_NO_REPLY : ErrorKind.ICMP_UNAVAILABLE,
        "ping exited " + exit + ": " + text);
  }
}
