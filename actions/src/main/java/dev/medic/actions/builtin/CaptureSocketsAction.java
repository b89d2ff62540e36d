package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code capture_sockets}: the socket summary ({@code ss -s}: TIME_WAIT, orphans) and the TCP sockets with their
 * owners and internals ({@code ss -tanpi}: state, queues, rtt, retransmits), as {@code sockets.txt}. With
 * {@code port}, only the sockets whose local or remote port it is (an {@code ss} filter, passed as separate
 * arguments); the output is cut at {@value HostCapture#MAX_BYTES} bytes either way. Host-wide; works when the
 * target is gone.
 */
public final class CaptureSocketsAction extends HostCapture {

  public static final String NAME = "capture_sockets";
  public static final String PORT = "port";
  public static final String FILE = "sockets.txt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> parameters() {
    return Set.of(PORT);
  }

  @Override
  public List<String> validate(Map<String, String> params) {
    return checkPort(params);
  }

  @Override
  List<List<String>> commands(ActionContext ctx) {
    List<String> sockets = new ArrayList<>(List.of("ss", "-tanpi"));
    String port = ctx.params().get(PORT);
    if (port != null) {
      String p = ":" + Integer.parseInt(port.strip());
      sockets.addAll(List.of("(", "sport", "=", p, "or", "dport", "=", p, ")"));
    }
    return List.of(List.of("ss", "-s"), sockets);
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
