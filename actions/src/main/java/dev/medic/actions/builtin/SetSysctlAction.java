package dev.medic.actions.builtin;

import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.probes.internal.KernelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code set_sysctl}: sets one network sysctl from an allow-list, with a validated value, by writing its
 * {@code /proc/sys} file (no {@code sysctl} binary, no shell), reading it back, and recording
 * {@code name: previous -> new} in {@code sysctl.txt} and in the result the journal keeps. The allow-list is what
 * the network runbooks can justify:
 *
 * <ul>
 *   <li>{@code net.netfilter.nf_conntrack_max}: 65536 to 16777216 entries (about 300 bytes each); global;
 *   <li>{@code net.core.somaxconn}: 128 to 65535, the cap on every listen() backlog; per network namespace;
 *   <li>{@code net.ipv4.ip_local_port_range}: {@code "low high"}, 1024 ≤ low, low + 1000 ≤ high ≤ 65535; per
 *       network namespace.
 * </ul>
 *
 * <p>The value is never restored automatically: the previous one is in the evidence and the journal, for a person
 * to put back ({@code sysctl -w name=previous}). Per-namespace settings are set in Medic's namespace. Host-wide:
 * the target pid is ignored. The change lasts until reboot; nothing is written to {@code /etc/sysctl.d}.
 */
public final class SetSysctlAction implements Action {

  public static final String NAME = "set_sysctl";
  public static final String SYSCTL = "name";
  public static final String VALUE = "value";
  public static final String FILE = "sysctl.txt";

  /** The allowed names, each with its value check: the normalised value, or null when it is refused. */
  static final Map<String, Function<String, String>> ALLOWED = Map.of(
      "net.netfilter.nf_conntrack_max", v -> between(v, 65_536, 16_777_216),
      "net.core.somaxconn", v -> between(v, 128, 65_535),
      "net.ipv4.ip_local_port_range", SetSysctlAction::portRange);

  /** What each allowed name accepts, for messages. */
  static final Map<String, String> ACCEPTS = Map.of(
      "net.netfilter.nf_conntrack_max", "a whole number from 65536 to 16777216",
      "net.core.somaxconn", "a whole number from 128 to 65535",
      "net.ipv4.ip_local_port_range", "'low high' with 1024 <= low and low + 1000 <= high <= 65535");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean changesHost() {
    return true;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(SYSCTL, VALUE);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    String name = params.get(SYSCTL);
    String value = params.get(VALUE);
    if (name == null || value == null) {
      return List.of("parameters '" + SYSCTL + "' and '" + VALUE + "' are required");
    }
    Function<String, String> check = ALLOWED.get(name.strip());
    if (check == null) {
      return List.of("parameter '" + SYSCTL + "' must be one of " + ALLOWED.keySet().stream().sorted().toList()
          + ", got '" + name + "'");
    }
    return check.apply(value) != null ? List.of()
        : List.of("parameter '" + VALUE + "' of " + name.strip() + " must be " + ACCEPTS.get(name.strip())
            + ", got '" + value + "'");
  }

  @Override
  public ActionResult run(ActionContext ctx) {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    String name = ctx.params().get(SYSCTL).strip();
    String wanted = ALLOWED.get(name).apply(ctx.params().get(VALUE));
    Path file = ctx.host().proc("sys/" + name.replace('.', '/'));
    String previous;
    String now;
    try {
      previous = normalise(KernelFiles.read(file));
      // no CREATE: a missing file is a module not loaded (nf_conntrack), never one to make
      Files.write(file, (wanted + "\n").getBytes(StandardCharsets.US_ASCII), WRITE, TRUNCATE_EXISTING);
      now = normalise(KernelFiles.read(file));
    } catch (IOException e) {
      return ActionResult.failed("cannot set " + name + ": " + ProcFiles.reason(e));
    }
    if (!now.equals(wanted)) {
      return ActionResult.failed("wrote " + wanted + " to " + name + " but it reads " + now);
    }
    String detail = name + ": " + previous + " -> " + now;
    try {
      ctx.evidence().write(FILE, detail + "\n# not restored automatically; to undo: sysctl -w " + name + "=\""
          + previous + "\"\n");
    } catch (IOException e) {
      // the host was changed; FAILED would invite a retry
      return ActionResult.ok(detail + " (evidence not written: " + e.getMessage() + ")", List.of());
    }
    return ActionResult.ok(detail, List.of(FILE));
  }

  /** Whitespace collapsed: the kernel prints a port range with a tab. */
  static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  static String between(String value, long min, long max) {
    String v = value.strip();
    if (!v.matches("\\d{1,9}")) {
      return null;
    }
    long n = Long.parseLong(v);
    return n >= min && n <= max ? Long.toString(n) : null;
  }

  static String portRange(String value) {
    String[] parts = value.strip().split("\\s+");
    if (parts.length != 2 || between(parts[0], 1024, 65_535) == null || between(parts[1], 1024, 65_535) == null) {
      return null;
    }
    long low = Long.parseLong(parts[0]);
    long high = Long.parseLong(parts[1]);
    return high - low >= 1000 ? low + " " + high : null;
  }
}
