package dev.medic.cli.diagnose;

import dev.medic.probes.netns.NamespaceThread;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DROP and REJECT rules of a namespace's firewall with their packet counters, from {@code iptables-save -c}
 * (the iptables here is the nf_tables backend, so it shows what nft set up through it): the only inside trace a
 * firewall DROP leaves, since it moves no TCP counter on the server. Read before and after the check, the rule
 * whose counter grew is the one that ate the check's packets. A hint only: absent without the binary or root.
 * Run as an argument list, never through a shell, on the namespace's thread so the child is in that namespace.
 */
public final class FirewallRules {

  static final long TIMEOUT_MILLIS = 1_500;
  private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/iptables-save"),
      Path.of("/sbin/iptables-save"), Path.of("/usr/bin/iptables-save"));
  private static final Pattern RULE = Pattern.compile("^\\[(\\d+):(\\d+)\\] -A (\\S+) (.*)$");
  private static final Pattern POLICY = Pattern.compile("^:(\\S+) (DROP|REJECT) \\[(\\d+):(\\d+)\\]$");
  private static final Pattern VERDICT = Pattern.compile("-j (DROP|REJECT)\\b");
  private static final Pattern DPORT = Pattern.compile("--dports? (\\d+)\\b");

  /**
   * One DROP or REJECT rule (or chain policy).
   *
   * @param dport the destination port it matches, null for any
   */
  public record Rule(String table, String chain, String verdict, Integer dport, long packets, String text) {
    /** Whether a packet to {@code port} can meet this rule. */
    boolean matches(int port) {
      return dport == null || dport == port;
    }

    String key() {
      return table + " " + text;
    }
  }

  private FirewallRules() {}

  /** The rules, on {@code thread} when given (another namespace); empty when they cannot be read here. */
  static List<Rule> read(NamespaceThread thread) {
    Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (binary == null) {
      return List.of();
    }
    try {
      String text = thread == null ? run(binary) : thread.call(() -> run(binary), TIMEOUT_MILLIS + 500);
      return parse(text);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String run(Path binary) throws IOException {
    Process p = new ProcessBuilder(List.of(binary.toString(), "-c")).redirectErrorStream(false)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (InputStream in = p.getInputStream()) {
      byte[] out = in.readNBytes(1 << 20);
      if (!p.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The DROP and REJECT rules and policies of {@code iptables-save -c} output, by table. */
  static List<Rule> parse(String save) {
    List<Rule> rules = new ArrayList<>();
    String table = "";
    for (String line : save.split("\n")) {
      if (line.startsWith("*")) {
        table = line.substring(1).trim();
        continue;
      }
      Matcher policy = POLICY.matcher(line);
      if (policy.matches()) {
        rules.add(new Rule(table, policy.group(1), policy.group(2).toLowerCase(Locale.ROOT), null,
            Long.parseLong(policy.group(3)), "policy " + policy.group(1) + " " + policy.group(2)));
        continue;
      }
      Matcher rule = RULE.matcher(line);
      if (!rule.matches()) {
        continue;
      }
      Matcher verdict = VERDICT.matcher(rule.group(4));
      if (!verdict.find()) {
        continue;
      }
      Matcher dport = DPORT.matcher(rule.group(4));
      rules.add(new Rule(table, rule.group(3), verdict.group(1).toLowerCase(Locale.ROOT),
          dport.find() ? Integer.valueOf(dport.group(1)) : null, Long.parseLong(rule.group(1)),
          "-A " + rule.group(3) + " " + rule.group(4)));
    }
    return rules;
  }

  /** The rules of {@code after} matching {@code port} whose counter grew since {@code before}, with the growth. */
  static List<Grown> grown(List<Rule> before, List<Rule> after, int port) {
    List<Grown> out = new ArrayList<>();
    for (Rule r : after) {
      if (!r.matches(port)) {
        continue;
      }
      long was = before.stream().filter(b -> b.key().equals(r.key())).mapToLong(Rule::packets).findFirst()
          .orElse(0);
      if (r.packets() > was) {
        out.add(new Grown(r, r.packets() - was));
      }
    }
    return out;
  }

  /** A rule whose counter grew during the check by {@code packets}. */
  public record Grown(Rule rule, long packets) {}
}
