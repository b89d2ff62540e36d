package dev.medic.checks;

/**
 * The phases of one attempt, in order; the one in progress when the attempt failed is the fact's
 * {@code failedPhase}, and the one in progress when the watchdog cut it names the {@code …_timeout}.
 */
public enum Phase {
  RESOLVE("resolve", ErrorKind.DNS_TIMEOUT),
  CONNECT("connect", ErrorKind.CONNECT_TIMEOUT),
  TLS("tls", ErrorKind.TLS_TIMEOUT),
  FIRST_BYTE("firstByte", ErrorKind.FIRST_BYTE_TIMEOUT),
  TRANSFER("transfer", ErrorKind.TRANSFER_TIMEOUT),
  STATUS("status", null),
  BODY("body", null),
  QUERY("query", ErrorKind.DNS_TIMEOUT),
  ECHO("echo", ErrorKind.ICMP_NO_REPLY);

  private final String wire;
  private final ErrorKind timeout;

  Phase(String wire, ErrorKind timeout) {
    this.wire = wire;
    this.timeout = timeout;
  }

  /** The name in facts: {@code firstByte}. */
  public String wire() {
    return wire;
  }

  /** What running out of time in this phase is called. */
  ErrorKind timeoutKind() {
    return timeout == null ? ErrorKind.CHECK_TIMEOUT : timeout;
  }
}
