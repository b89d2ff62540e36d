package dev.medic.actions.builtin;


import dev.medic.actions.ActionContext;
import java.nio.file.Path;

/**
 * {@code set_swappiness}: the guide's {@code sysctl vm.swappiness=10} without sysctl or a shell: writes
 * {@code value} (0..200) to {@code /proc/sys/vm/swappiness}, reads it back to verify, and records
 * {@code vm.swappiness: previous -> new} in {@code swappiness.txt}.
 *
 * <p>Host-wide: the target pid is ignored, so this never returns TARGET_GONE (swapping less helps the survivors
 * whether or not the target still runs). Kernels before 5.8 accept only 0..100 and refuse more with
 * "Invalid argument", which comes back as FAILED. The change lasts until reboot; it is not written to
 * {@code /etc/sysctl.d}.
 */
public final class SetSwappinessAction extends IntegerSetting {

  public static final String NAME = "set_swappiness";
  public static final String VALUE = IntegerSetting.VALUE;
  public static final String FILE = "swappiness.txt";
  static final int MIN = 0;
  static final int MAX = 200;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  Path file(ActionContext ctx) {
    return ctx.host().proc("sys/vm/swappiness");
  }

  @Override
  String label(ActionContext ctx) {
    return "vm.swappiness";
  }

  @Override
  int min() {
    return MIN;
  }

  @Override
  int max() {
    return MAX;
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
