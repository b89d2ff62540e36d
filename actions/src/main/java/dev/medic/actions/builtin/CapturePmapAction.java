package dev.medic.actions.builtin;

import java.util.List;

/**
 * {@code capture_pmap}: the process's memory map with RSS and dirty pages per mapping ({@code pmap -x <pid>}),
 * stored as {@code pmap.txt}. Live-only: pmap reads the real {@code /proc}.
 */
public final class CapturePmapAction extends CommandCapture {

  public static final String NAME = "capture_pmap";
  public static final String FILE = "pmap.txt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  List<String> argv(int pid) {
    return List.of("pmap", "-x", Integer.toString(pid));
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
