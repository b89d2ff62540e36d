package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;

/**
 * One outside check of a service, the way a client sees it: one attempt against one address from one network
 * namespace, with the phase that failed and the error kind named, so that a runbook can ask "refused or timed out?"
 * and join the answer to the inside facts of the same namespace. Blackbox-style probes report only success and a
 * duration; this fact says why, and keeps the certificate's expiry even when the handshake failed on it.
 *
 * <p>Durations are in milliseconds; a phase that was not reached is null. The key is {@code name}: the check's
 * configured name ({@code name@nameserver} for a DNS check fanned out over the resolver's nameservers).
 *
 * @param name the check's configured name (the key)
 * @param kind {@code http}, {@code https}, {@code tcp}, {@code tls}, {@code dns} or {@code icmp}
 * @param host the host name or address checked (the DNS name for a dns check)
 * @param port the TCP port (null for dns and icmp)
 * @param addr the address used: the one address connected to, the nameserver asked, the host pinged
 * @param netns the namespace the check ran from as the inside facts name it ({@code host} or {@code net:[inode]}),
 *     so the two join; the configured value when it could not be entered
 * @param ok whether every phase succeeded and every expectation held
 * @param failedPhase {@code resolve}, {@code connect}, {@code tls}, {@code firstByte}, {@code transfer},
 *     {@code status}, {@code body}, {@code query} (dns) or {@code echo} (icmp); null when ok
 * @param error the error kind ({@code connect_refused}, {@code connect_timeout}, {@code tls_cert_expired},
 *     {@code dns_no_such_name}, … listed in docs/checks.md); null when ok
 * @param resolveMs milliseconds to resolve the host name (0 for a literal address)
 * @param connectMs milliseconds of the TCP handshake
 * @param tlsMs milliseconds of the TLS handshake
 * @param firstByteMs milliseconds from the request written to the first byte of the reply (http)
 * @param transferMs milliseconds from the first byte to the end of the body read (http)
 * @param totalMs milliseconds of the whole attempt
 * @param status the HTTP status code
 * @param bytes body bytes read (bytes; at most the body limit)
 * @param certNotAfter the earliest {@code notAfter} of the presented chain, ISO-8601 instant, set even when the
 *     handshake failed on that chain
 * @param certDaysLeft days from now to {@code certNotAfter} (fraction; negative when expired)
 * @param tlsVersion the negotiated protocol ({@code TLSv1.3}); null when the handshake failed
 * @param rcode the DNS response code ({@code NOERROR}, {@code NXDOMAIN}, {@code SERVFAIL}, {@code REFUSED})
 * @param answers the number of answer records (dns)
 * @param rttMs the echo round trip in milliseconds (icmp) or the query round trip (dns)
 * @param consecutiveFailures failed attempts in a row of this check, this one included (0 when ok)
 */
@Key("name")
public record CheckSample(
    long timestamp,
    String name,
    String kind,
    @Nullable String host,
    Integer port,
    @Nullable String addr,
    String netns,
    Boolean ok,
    @Nullable String failedPhase,
    @Nullable String error,
    Double resolveMs,
    Double connectMs,
    Double tlsMs,
    Double firstByteMs,
    Double transferMs,
    Double totalMs,
    Integer status,
    @Kind(BYTES) Long bytes,
    @Nullable String certNotAfter,
    Double certDaysLeft,
    @Nullable String tlsVersion,
    @Nullable String rcode,
    Integer answers,
    Double rttMs,
    Integer consecutiveFailures)
    implements Fact {

  public static final String TYPE = "check";

  @Override
  public String type() {
    return TYPE;
  }

  /** The same sample at another timestamp: a queued check result takes the timestamp of the sweep that drains it. */
  public CheckSample at(long newTimestamp) {
    return new CheckSample(newTimestamp, name, kind, host, port, addr, netns, ok, failedPhase, error, resolveMs,
        connectMs, tlsMs, firstByteMs, transferMs, totalMs, status, bytes, certNotAfter, certDaysLeft, tlsVersion,
        rcode, answers, rttMs, consecutiveFailures);
  }
}
