package dev.medic.agent.notify;

import java.io.IOException;

/**
 * Somewhere notifications go: one configured webhook or mailbox. {@link #send} is called on the sink's own worker
 * thread, one notice at a time; it returns when the receiver accepted the notice and throws when it did not.
 */
public interface Sink {

  /** The name routes use and the journal shows. */
  String name();

  /**
   * Delivers one notice, or throws: {@link Refused} for an answer that a retry would not change (a 4xx), any other
   * {@link IOException} to be retried.
   */
  void send(Notice notice) throws IOException;

  /** The receiver refused for good (HTTP 400, SMTP 5xx): not retried. */
  final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }
}
