package dev.medic.checks;

import java.util.Locale;

/**
 * Why an attempt failed, as the fact's {@code error} field: the answer blackbox_exporter's users kept asking for
 * ("refused or timed out?"). Each kind is documented in docs/checks.md with the situation that produces it.
 */
public enum ErrorKind {
  DNS_NO_SUCH_NAME, DNS_SERVER_FAILURE, DNS_REFUSED, DNS_TIMEOUT, DNS_TEMPORARY_FAILURE, DNS_NO_ANSWER, DNS_RCODE,
  DNS_UNREACHABLE,
  CONNECT_REFUSED, CONNECT_TIMEOUT, CONNECT_NO_ROUTE, CONNECT_NO_LOCAL_PORT, CONNECT_RESET, CONNECT_FAILED,
  TLS_CERT_EXPIRED, TLS_CERT_NOT_YET_VALID, TLS_UNTRUSTED, TLS_HOSTNAME_MISMATCH, TLS_HANDSHAKE_FAILED, TLS_TIMEOUT,
  FIRST_BYTE_TIMEOUT, FIRST_BYTE_CLOSED, FIRST_BYTE_RESET,
  TRANSFER_TIMEOUT, TRANSFER_RESET, TRANSFER_CLOSED,
  HTTP_PROTOCOL, HTTP_STATUS, BODY_MISMATCH,
  ICMP_NO_REPLY, ICMP_UNAVAILABLE,
  NETNS_UNAVAILABLE, CHECK_TIMEOUT, CHECK_FAILED;

  /** The name in facts: {@code connect_refused}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
