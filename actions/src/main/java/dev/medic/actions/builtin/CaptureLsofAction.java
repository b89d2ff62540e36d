package dev.medic.actions.builtin;

import java.util.List;

/**
 * {@code capture_lsof}: the process's open files and sockets ({@code lsof -n -P -p <pid>}), stored as
 * {@code lsof.txt}. {@code -n -P} skip DNS and port-name lookups, which can hang on a sick host. lsof exits 1
 * when the pid is gone, which the base class turns into TARGET_GONE. Live-only: lsof reads the real
 * {@code /proc}.
 */
public final class CaptureLsofAction extends CommandCapture {

  public static final String NAME = "capture_lsof";
  public static final String FILE = "lsof.txt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  List<String> argv(int pid) {
    return List.of("lsof", "-n", "-P", "-p", Integer.toString(pid));
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
