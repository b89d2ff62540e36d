package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import dev.medic.probes.internal.KernelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code capture_conntrack}: the connection-tracking table's fill and statistics, as {@code conntrack.txt}: the
 * count and the maximum ({@code /proc/sys/net/netfilter/nf_conntrack_count}, {@code nf_conntrack_max}), the
 * per-CPU statistics ({@code /proc/net/stat/nf_conntrack}: drop, early_drop, insert_failed, search_restart, as the
 * kernel prints them, one row per CPU) and, when the tool is installed, {@code conntrack -S}. The files are read
 * through {@link KernelFiles} (a plain read of a {@code /proc/sys} file can return one byte on JDK 17). Without
 * conntrack loaded the files are absent; without them and without the tool the action fails.
 */
public final class CaptureConntrackAction extends HostCapture {

  public static final String NAME = "capture_conntrack";
  public static final String FILE = "conntrack.txt";
  static final List<String> FILES = List.of("sys/net/netfilter/nf_conntrack_count",
      "sys/net/netfilter/nf_conntrack_max", "net/stat/nf_conntrack");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  String files(ActionContext ctx) {
    StringBuilder text = new StringBuilder();
    for (String name : FILES) {
      Path file = ctx.host().proc(name);
      try {
        String content = KernelFiles.read(file, MAX_BYTES);
        text.append("# ").append(file).append('\n').append(content);
        if (!content.endsWith("\n")) {
          text.append('\n');
        }
        text.append('\n');
      } catch (IOException e) {
        // absent without nf_conntrack: the other sources may still say something
      }
    }
    return text.toString();
  }

  @Override
  List<List<String>> commands(ActionContext ctx) {
    return List.of(List.of("conntrack", "-S"));
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
