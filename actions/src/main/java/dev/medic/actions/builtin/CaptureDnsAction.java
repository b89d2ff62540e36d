package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.checks.CheckRunner;
import dev.medic.checks.CheckSpec;
import dev.medic.checks.Namespaces;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.etc.ResolvConfReader;
import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.ResolverSample;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.netns.NetNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code capture_dns}: what the resolver is configured to do and what each of its nameservers answers now, as
 * {@code dns.txt}: {@code /etc/resolv.conf} as it is, then one query of {@code name} (type A) to each nameserver,
 * one at a time, with its time, rcode and answer count, or how it failed ({@code dns_timeout}, …). The queries go
 * through the checks module's DNS check ({@link CheckRunner#runOnce}), which the outside {@code check} facts come
 * from, so the capture and the facts measure the same way; a second client (a {@code dig} or {@code getent} child)
 * would add a tool that may be missing and a parser of its output. Each query gets at most 2 s, and all of them
 * together the action's timeout. Medic's own namespace; read-only.
 */
public final class CaptureDnsAction implements Action {

  public static final String NAME = "capture_dns";
  public static final String QUERY = "name";
  public static final String FILE = "dns.txt";
  static final String DEFAULT_NAME = "localhost";
  static final Duration PER_QUERY = Duration.ofSeconds(2);
  /** A DNS name: labels of letters, digits, '-' and '_', dot-separated, at most 253 characters. */
  static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9_.])?");

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
    return Set.of(QUERY);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    String v = params.get(QUERY);
    return v == null || NAME_PATTERN.matcher(v).matches() ? List.of()
        : List.of("parameter '" + QUERY + "' must be a DNS name, got '" + ProcFiles.oneLine(v) + "'");
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0));
    }
    String qname = ctx.params().getOrDefault(QUERY, DEFAULT_NAME).strip();
    Path conf = ctx.host().etc("resolv.conf");
    StringBuilder text = new StringBuilder("# ").append(conf).append('\n');
    try {
      text.append(KernelFiles.read(conf, HostCapture.MAX_BYTES)).append('\n');
    } catch (IOException e) {
      text.append("# cannot read: ").append(ProcFiles.reason(e)).append("\n\n");
    }
    List<String> servers;
    try {
      servers = new ResolvConfReader(ctx.host(), new ProbeMetrics()).read(0, NetNamespace.host(ctx.host()))
          .map(ResolverSample::nameservers).filter(s -> !s.isEmpty()).map(s -> List.of(s.split(",")))
          .orElse(List.of());
    } catch (IOException e) {
      return ActionResult.failed("cannot find Medic's network namespace: " + ProcFiles.reason(e));
    }
    long deadline = System.nanoTime() + ctx.timeout().toNanos();
    text.append("# one query of ").append(qname).append(" A to each nameserver, in resolver order\n");
    try (CheckRunner runner = new CheckRunner(List.of(), Namespaces.HOST_ONLY)) {
      for (String server : servers) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.compareTo(Duration.ofMillis(100)) < 0) {
          text.append(server).append(": not asked, the action's timeout was used up\n");
          continue;
        }
        Duration timeout = left.compareTo(PER_QUERY) < 0 ? left : PER_QUERY;
        CheckSpec spec = new CheckSpec.Dns(NAME, qname, "A", Optional.of(server), Duration.ofMinutes(1), timeout,
            CheckSpec.HOST_NETNS);
        for (CheckSample s : runner.runOnce(spec)) {
          text.append(line(server, s)).append('\n');
        }
      }
    }
    if (servers.isEmpty()) {
      text.append("# no nameserver configured\n");
    }
    try {
      ctx.evidence().write(FILE, text.toString());
    } catch (IOException e) {
      return ActionResult.failed("cannot write " + FILE + ": " + e.getMessage());
    }
    return ActionResult.ok(NAME + ": " + servers.size() + " nameserver(s) asked for " + qname, List.of(FILE));
  }

  /** One nameserver's answer: {@code 10.0.0.2: NOERROR, 1 answer(s) in 1.3 ms} or its error. */
  static String line(String server, CheckSample s) {
    List<String> parts = new ArrayList<>();
    if (s.error() != null) {
      parts.add(s.error());
    }
    if (s.rcode() != null) {
      parts.add(s.rcode());
    }
    if (s.answers() != null) {
      parts.add(s.answers() + " answer(s)");
    }
    Double ms = s.rttMs() != null ? s.rttMs() : s.totalMs();
    return server + ": " + String.join(", ", parts) + (ms == null ? "" : " in " + ms + " ms");
  }
}
