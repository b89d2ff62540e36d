package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import java.util.List;

/**
 * {@code capture_links}: the interfaces with their counters ({@code ip -s link}: rx/tx drops and errors, carrier
 * changes) and the queueing disciplines with theirs ({@code tc -s qdisc}: drops in a shaper or a full queue, which
 * the NIC's counters do not show), as {@code links.txt}. Host-wide, in Medic's network namespace.
 */
public final class CaptureLinksAction extends HostCapture {

  public static final String NAME = "capture_links";
  public static final String FILE = "links.txt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  List<List<String>> commands(ActionContext ctx) {
    return List.of(List.of("ip", "-s", "link"), List.of("tc", "-s", "qdisc"));
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
