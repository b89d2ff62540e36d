package dev.medic.checks;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The phases every TCP-based check shares, on raw JDK sockets because {@code java.net.http.HttpClient} has no
 * phase hooks: resolve the host (one address, IPv4 first, as the system resolver orders them), one connect,
 * optionally one TLS handshake whose presented chain is kept even when it fails. Each blocking call gets the time
 * left before the deadline; the socket is registered with the {@link Attempt} so the watchdog can close it.
 */
final class Connector {

  private static final Pattern LITERAL = Pattern.compile("[0-9.]+|.*:.*");
  private static final double DAY_MILLIS = 86_400_000.0;

  static {
    // a check must see the resolver as it is now, not the JDK's 30 s (negative: 10 s) cache
    Security.setProperty("networkaddress.cache.ttl", "0");
    Security.setProperty("networkaddress.cache.negative.ttl", "0");
  }

  private Connector() {}

  /** The RESOLVE phase: 0 ms for a literal address. */
  static InetAddress resolve(Attempt a, String host) {
    a.begin(Phase.RESOLVE);
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      if (LITERAL.matcher(bare).matches()) {
        return InetAddress.getByName(bare);
      }
      InetAddress[] all = InetAddress.getAllByName(bare);
      return Arrays.stream(all).filter(i -> i.getAddress().length == 4).findFirst().orElse(all[0]);
    } catch (UnknownHostException e) {
      throw a.fail(resolveError(e.getMessage()), e.getMessage());
    }
  }

  /** getaddrinfo's text is all the JDK passes on: NXDOMAIN and "temporary failure" are still told apart. */
  static ErrorKind resolveError(String message) {
    String m = message == null ? "" : message;
    if (m.contains("Name or service not known")) {
      return ErrorKind.DNS_NO_SUCH_NAME;
    }
    if (m.contains("No address associated")) {
      return ErrorKind.DNS_NO_ANSWER;
    }
    return ErrorKind.DNS_TEMPORARY_FAILURE;
  }

  /** The CONNECT phase. */
  static Socket connect(Attempt a, InetAddress address, int port) {
    a.addr = address.getHostAddress();
    a.begin(Phase.CONNECT);
    Socket s = new Socket();
    a.register(s);
    try {
      s.connect(new InetSocketAddress(address, port), a.remainingMillis());
      return s;
    } catch (IOException e) {
      throw a.fail(connectError(e, a), e.toString());
    }
  }

  static ErrorKind connectError(IOException e, Attempt a) {
    String m = String.valueOf(e.getMessage());
    if (a.cancelled() || e instanceof SocketTimeoutException) {
      return ErrorKind.CONNECT_TIMEOUT;
    }
    if (e instanceof BindException) {
      return ErrorKind.CONNECT_NO_LOCAL_PORT; // EADDRNOTAVAIL: every local port to that destination is taken
    }
    if (e instanceof NoRouteToHostException || m.contains("unreachable")) {
      return ErrorKind.CONNECT_NO_ROUTE; // EHOSTUNREACH / ENETUNREACH, an ICMP host-prohibited REJECT
    }
    if (e instanceof ConnectException && m.contains("refused")) {
      return ErrorKind.CONNECT_REFUSED; // RST: nothing listens, or a tcp-reset / port-unreachable REJECT
    }
    if (m.contains("reset")) {
      return ErrorKind.CONNECT_RESET;
    }
    return e instanceof ConnectException && m.contains("timed out") ? ErrorKind.CONNECT_TIMEOUT
        : ErrorKind.CONNECT_FAILED;
  }

  /** A read error in {@code phase} (first byte or transfer): timeout, reset, or closed under us by the watchdog. */
  static ErrorKind readError(IOException e, Attempt a, Phase phase) {
    if (a.cancelled() || e instanceof SocketTimeoutException) {
      return phase.timeoutKind();
    }
    boolean reset = e instanceof SocketException && String.valueOf(e.getMessage()).contains("reset");
    if (phase == Phase.FIRST_BYTE) {
      return reset ? ErrorKind.FIRST_BYTE_RESET : ErrorKind.FIRST_BYTE_CLOSED;
    }
    return reset ? ErrorKind.TRANSFER_RESET : ErrorKind.TRANSFER_CLOSED;
  }

  /**
   * The TLS phase over a connected socket: SNI and hostname verification for {@code host}; the presented chain's
   * earliest notAfter is recorded in every outcome, and an expired certificate fails the check even when a trust
   * store accepted it (a self-signed anchor is not date-checked by the JDK).
   */
  static SSLSocket handshake(Attempt a, Socket plain, String host, int port, Optional<Path> caFile) {
    a.begin(Phase.TLS);
    RecordingTrustManager trust;
    SSLSocket ssl;
    try {
      trust = RecordingTrustManager.create(caFile);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
    } catch (GeneralSecurityException | IOException e) {
      throw a.fail(ErrorKind.TLS_HANDSHAKE_FAILED, "trust store: " + e.getMessage());
    }
    a.register(ssl);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    ssl.setSSLParameters(params);
    try {
      ssl.setSoTimeout(a.remainingMillis());
      ssl.startHandshake();
    } catch (IOException e) {
      recordChain(a, trust.presented());
      throw a.fail(tlsError(e, a), e.toString());
    }
    recordChain(a, trust.presented());
    a.tlsVersion = ssl.getSession().getProtocol();
    if (a.certDaysLeft != null && a.certDaysLeft < 0) {
      throw a.fail(ErrorKind.TLS_CERT_EXPIRED, "notAfter " + a.certNotAfter);
    }
    return ssl;
  }

  private static void recordChain(Attempt a, List<X509Certificate> chain) {
    chain.stream().map(X509Certificate::getNotAfter).min(Comparator.naturalOrder()).ifPresent(d -> {
      a.certNotAfter = d.toInstant().toString();
      a.certDaysLeft = Math.round((d.getTime() - Instant.now().toEpochMilli()) / DAY_MILLIS * 1000) / 1000.0;
    });
  }

  static ErrorKind tlsError(IOException e, Attempt a) {
    if (a.cancelled() || e instanceof SocketTimeoutException) {
      return ErrorKind.TLS_TIMEOUT;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof CertificateExpiredException || t instanceof CertPathValidatorException v
          && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return ErrorKind.TLS_CERT_EXPIRED;
      }
      if (t instanceof CertificateNotYetValidException) {
        return ErrorKind.TLS_CERT_NOT_YET_VALID;
      }
      if (m.contains("No subject alternative") || m.contains("No name matching")) {
        return ErrorKind.TLS_HOSTNAME_MISMATCH;
      }
      if (m.contains("unable to find valid certification path") || m.contains("PKIX path building failed")) {
        return ErrorKind.TLS_UNTRUSTED;
      }
    }
    if (a.certDaysLeft != null && a.certDaysLeft < 0) {
      return ErrorKind.TLS_CERT_EXPIRED;
    }
    return ErrorKind.TLS_HANDSHAKE_FAILED; // no shared protocol or cipher, an alert, a reset during the handshake
  }
}
