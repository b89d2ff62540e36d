package dev.medic.checks;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Keeps the chain the server presented before handing it to the real trust manager, so that the certificate's
 * {@code notAfter} is known even when validation fails on it: blackbox_exporter has no expiry metric exactly when
 * the certificate has expired (its #1119). Hostname verification is the delegate's (the socket carries the
 * endpoint identification algorithm), so it too fails after the chain was recorded.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

  private static final Map<String, X509ExtendedTrustManager> DELEGATES = new ConcurrentHashMap<>();

  private final X509ExtendedTrustManager delegate;
  private volatile X509Certificate[] presented;

  private RecordingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  /**
   * Trusts the JDK's default store, or only the PEM certificates in {@code caFile}. The delegate is built once per
   * store (and again when the file changes): loading cacerts costs milliseconds, too much for every attempt.
   */
  static RecordingTrustManager create(Optional<Path> caFile) throws GeneralSecurityException, IOException {
    String key = caFile.map(p -> p + "@" + modified(p)).orElse("");
    X509ExtendedTrustManager cached = DELEGATES.get(key);
    if (cached == null) {
      cached = delegate(caFile);
      DELEGATES.put(key, cached);
    }
    return new RecordingTrustManager(cached);
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  private static X509ExtendedTrustManager delegate(Optional<Path> caFile) throws GeneralSecurityException,
      IOException {
    KeyStore store = null;
    if (caFile.isPresent()) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream in = Files.newInputStream(caFile.get())) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca" + i++, c);
        }
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in " + tmf.getAlgorithm());
  }

  /** The chain the server presented, leaf first; empty before (or without) a server certificate. */
  List<X509Certificate> presented() {
    X509Certificate[] chain = presented;
    return chain == null ? List.of() : List.of(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    presented = chain.clone();
    delegate.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    presented = chain.clone();
    delegate.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    presented = chain.clone();
    delegate.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
