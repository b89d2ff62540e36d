package dev.medic.actions.builtin;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.CommandResult;
import dev.medic.actions.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code restart_unit}: {@code systemctl restart -- <unit>} (argv, no shell; {@code --} so a unit name can never
 * be read as an option), with the unit from the {@code unit} parameter. The engine will later fill it from the
 * target process's systemd unit; the target pid itself is ignored here (recorded for context only), so this
 * never returns TARGET_GONE: restarting a service whose main process the OOM killer took is the point.
 *
 * <p>{@link #validate} accepts only plain unit names ({@value #UNIT_SYNTAX}), refuses names starting with
 * {@code -}, and refuses units whose restart would cut the operator off or take the host down: sshd/ssh
 * (and their per-connection {@code @} instances) and the network services ({@link #NETWORK}), {@code systemd-*},
 * {@code dbus*}, {@code medic.service} itself, {@code init.scope}, and the targets that reboot, power off, suspend or isolate the host.
 *
 * <p>Runs under {@link ActionContext#timeout()}; on timeout systemctl is killed, but the restart job it queued
 * goes on inside systemd. Records {@code restart.txt} (command, exit code, time taken, stdout, stderr) whatever
 * the outcome. Exit 0 → OK; non-zero → FAILED with stderr's first line (with no systemd as PID 1 that is
 * "System has not been booted with systemd as init system (PID 1). Can't operate."); timeout → TIMED_OUT.
 */
public final class RestartUnitAction implements Action {

  public static final String NAME = "restart_unit";
  public static final String UNIT = "unit";
  public static final String FILE = "restart.txt";
  static final String UNIT_SYNTAX = "[A-Za-z0-9:_.@\\-]+\\.(service|scope|socket|target|timer|mount)";
  private static final Pattern UNIT_NAME = Pattern.compile(UNIT_SYNTAX);
  private static final int MAX_LENGTH = 255;

  /** Besides ssh itself, restarting these takes the network down and so cuts off remote access. */
  static final Set<String> NETWORK = Set.of("networking.service", "network.service", "NetworkManager.service");

  /** Starting these (which is what a restart does) reboots, powers off, suspends or isolates the host. */
  static final Set<String> HOST_STATE_TARGETS = Set.of("reboot.target", "poweroff.target", "halt.target",
      "kexec.target", "shutdown.target", "soft-reboot.target", "ctrl-alt-del.target", "exit.target",
      "final.target", "umount.target", "rescue.target", "emergency.target", "default.target", "multi-user.target",
      "graphical.target", "sysinit.target", "basic.target", "sleep.target", "suspend.target", "hibernate.target",
      "hybrid-sleep.target", "suspend-then-hibernate.target", "initrd.target", "initrd-switch-root.target");

  private final CommandRunner runner = new CommandRunner();
  private final String systemctl;

  public RestartUnitAction() {
    this("systemctl");
  }

  /** With another systemctl executable: for tests only. */
  RestartUnitAction(String systemctl) {
    this.systemctl = systemctl;
  }

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
    return Set.of(UNIT);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    String unit = params.get(UNIT);
    if (unit == null || unit.isBlank()) {
      return List.of("parameter 'unit' is required: a systemd unit name such as app.service");
    }
    String shown = ProcFiles.printable(unit.length() > 80 ? unit.substring(0, 80) + "..." : unit);
    if (unit.startsWith("-")) {
      return List.of("parameter 'unit' must not start with '-', got '" + shown + "'");
    }
    if (unit.length() > MAX_LENGTH || !UNIT_NAME.matcher(unit).matches()) {
      return List.of("parameter 'unit' must be a unit name of letters, digits and : _ . @ - ending in .service, "
          + ".scope, .socket, .target, .timer or .mount, got '" + shown + "'");
    }
    if (unit.startsWith("sshd.") || unit.startsWith("ssh.") || unit.startsWith("sshd@")
        || unit.startsWith("ssh@") || NETWORK.contains(unit)) {
      return List.of("refusing to restart " + unit + ": it would cut off remote access to the host");
    }
    if (unit.startsWith("systemd-")) {
      return List.of("refusing to restart " + unit + ": systemd's own units keep the host running "
          + "(journal, udev, logind, networking)");
    }
    if (unit.startsWith("dbus")) {
      return List.of("refusing to restart " + unit + ": restarting the system bus breaks systemd, logind and "
          + "most services");
    }
    if (unit.equals("medic.service")) {
      return List.of("refusing to restart medic.service: Medic would kill itself in the middle of this action");
    }
    if (unit.equals("init.scope")) {
      return List.of("refusing to restart init.scope: it is PID 1");
    }
    if (HOST_STATE_TARGETS.contains(unit)) {
      return List.of("refusing to restart " + unit + ": starting it reboots, powers off, suspends or isolates "
          + "the host");
    }
    return List.of();
  }

  List<String> argv(String unit) {
    return List.of(systemctl, "restart", "--", unit);
  }

  @Override
  public ActionResult run(ActionContext ctx) throws InterruptedException {
    List<String> problems = validate(ctx.params());
    if (!problems.isEmpty()) {
      return ActionResult.failed(problems.get(0)); // the engine validates first; this is the safety net
    }
    String unit = ctx.params().get(UNIT);
    List<String> argv = argv(unit);
    CommandResult result = runner.run(argv, ctx.timeout());
    String record = "command: " + String.join(" ", argv) + "\n"
        + "target pid: " + ctx.pid() + " (context only)\n"
        + "exit code: " + result.exitCode() + (result.timedOut() ? " (killed after " + ctx.timeout() + ")" : "")
        + "\n"
        + "took: " + result.took().toMillis() + " ms\n"
        + "== stdout ==\n" + withNewline(new String(result.stdout(), StandardCharsets.UTF_8))
        + "== stderr ==\n" + withNewline(result.stderr());
    List<String> evidence;
    String note = "";
    try {
      evidence = List.of(ctx.evidence().write(FILE, record));
    } catch (IOException e) {
      evidence = List.of();
      note = " (evidence not written: " + e.getMessage() + ")";
    }
    if (result.timedOut()) {
      return new ActionResult(ActionResult.Status.TIMED_OUT, "systemctl restart " + unit + " did not finish within "
          + ctx.timeout() + " and was killed; the restart job may still run in systemd" + note, evidence);
    }
    if (result.exitCode() != 0) {
      return new ActionResult(ActionResult.Status.FAILED,
          "systemctl restart " + unit + " exited " + result.exitCode() + ": " + result.stderrFirstLine() + note,
          evidence);
    }
    return ActionResult.ok("restarted " + unit + note, evidence);
  }

  private static String withNewline(String s) {
    return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
  }
}
