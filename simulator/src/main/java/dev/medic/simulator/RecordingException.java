package dev.medic.simulator;

/** A recording that cannot be read; the message names the file and line and is meant for the operator. */
public final class RecordingException extends Exception {
  public RecordingException(String message) {
    super(message);
  }
}
