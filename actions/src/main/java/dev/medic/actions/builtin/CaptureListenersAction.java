package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import java.util.List;

/**
 * {@code capture_listeners}: every listening TCP socket with its queue and owner ({@code ss -ltnp}: Recv-Q is the
 * accept queue, Send-Q the backlog), as {@code listeners.txt}. What listens now, beside the listener facts, for a
 * service that refuses or times out. Host-wide, in Medic's network namespace; works when the target is gone.
 */
public final class CaptureListenersAction extends HostCapture {

  public static final String NAME = "capture_listeners";
  public static final String FILE = "listeners.txt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  List<List<String>> commands(ActionContext ctx) {
    return List.of(List.of("ss", "-ltnp"));
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
