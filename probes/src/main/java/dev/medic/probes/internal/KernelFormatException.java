package dev.medic.probes.internal;

/**
 * A kernel file was read but does not have the shape its parser needs (a required field is missing or not a
 * number). Parsers throw it so they stay free of logging; the reader decides to skip the record and warn once.
 */
public final class KernelFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  public KernelFormatException(String message) {
    super(message);
  }
}
