package dev.medic.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The agent's signals while {@code medic run} runs. SIGTERM (systemd's stop) and SIGINT (Ctrl-C) are handled
 * instead of left to the JVM, whose default is to run the shutdown hooks and exit 143 or 130: systemd counts that
 * as a failed stop. Handled, they only ask the run to stop; it closes the agent (running actions finish, the
 * journal gets its stop line, the lock is released) and {@code medic run} returns 0. SIGHUP
 * ({@code systemctl reload}) reloads. Closing puts the previous handlers back.
 */
final class Signals implements AutoCloseable {

  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  Signals(Runnable stop, Runnable reload) {
    install("TERM", stop);
    install("INT", stop);
    install("HUP", reload);
  }

  private void install(String name, Runnable action) {
    try {
      Signal signal = new Signal(name);
      previous.put(signal, Signal.handle(signal, s -> action.run()));
    } catch (IllegalArgumentException taken) {
      // the JVM keeps this signal (-Xrs, or a debugger's): the default behaviour stays
    }
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
