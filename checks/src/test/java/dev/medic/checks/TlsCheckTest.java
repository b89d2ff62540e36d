package dev.medic.checks;

import static dev.medic.checks.Checks.failed;
import static dev.medic.checks.Checks.once;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.medic.probes.facts.CheckSample;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https, tcp with tls and tls checks against real HttpsServers on 127.0.0.1 with keytool-made certificates. */
class TlsCheckTest {

  @TempDir
  static Path dir;
  private static TestCerts certs;
  private static final List<HttpsServer> SERVERS = new ArrayList<>();
  private static int valid;
  private static int expired;
  private static int untrusted;
  private static int otherAddress;

  @BeforeAll
  static void servers() throws Exception {
    certs = new TestCerts(dir);
    KeyStore validLeaf = certs.signedLeaf("valid", null, 30);
    valid = serve(validLeaf, InetAddress.getLoopbackAddress());
    otherAddress = serve(validLeaf, InetAddress.getByName("127.0.0.2"));
    expired = serve(certs.signedLeaf("expired", "-60d", 30), InetAddress.getLoopbackAddress());
    untrusted = serve(certs.selfSigned("self"), InetAddress.getLoopbackAddress());
  }

  @AfterAll
  static void stop() {
    SERVERS.forEach(s -> s.stop(0));
  }

  private static int serve(KeyStore ks, InetAddress address) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, TestCerts.PASS.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer s = HttpsServer.create(new InetSocketAddress(address, 0), 16);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    s.createContext("/", x -> {
      x.sendResponseHeaders(200, 2);
      try (OutputStream out = x.getResponseBody()) {
        out.write("ok".getBytes());
      }
    });
    s.start();
    SERVERS.add(s);
    return s.getAddress().getPort();
  }

  private static String https(int port) {
    return "name: site\nkind: https\nurl: https://127.0.0.1:" + port + "/\ncaFile: " + certs.caPem();
  }

  @Test
  void validCertificate() {
    CheckSample s = once(https(valid));
    assertEquals(true, s.ok(), s::toString);
    assertEquals(200, s.status());
    assertNotNull(s.tlsMs());
    assertTrue(s.tlsVersion().startsWith("TLSv1."), s::toString);
    assertEquals(30.0, s.certDaysLeft(), 1.0, s::toString);
    assertTrue(Instant.parse(s.certNotAfter()).isAfter(Instant.now()), s::toString);
  }

  @Test
  void expiredCertificateStillReportsItsExpiry() {
    CheckSample s = once(https(expired));
    failed(s, "tls_cert_expired", "tls");
    assertEquals(-30.0, s.certDaysLeft(), 1.0, s::toString);
    assertTrue(Instant.parse(s.certNotAfter()).isBefore(Instant.now()), s::toString);
    assertNull(s.status());
    assertNull(s.firstByteMs());
  }

  @Test
  void untrustedCertificate() {
    CheckSample s = once(https(untrusted));
    failed(s, "tls_untrusted", "tls");
    assertEquals(30.0, s.certDaysLeft(), 1.0, s::toString);
  }

  @Test
  void theDefaultTrustStoreDoesNotKnowTheTestCa() {
    failed(once("name: site\nkind: https\nurl: https://127.0.0.1:" + valid + "/"), "tls_untrusted", "tls");
  }

  @Test
  void hostnameIsVerified() {
    // the certificate names 127.0.0.1 and localhost; served on 127.0.0.2 (also loopback) it does not match
    failed(once("name: site\nkind: https\nurl: https://127.0.0.2:" + otherAddress + "/\ncaFile: " + certs.caPem()),
        "tls_hostname_mismatch", "tls");
  }

  @Test
  void tlsAndTcpWithTlsChecksSeeTheSameCertificate() {
    CheckSample tls = once("name: cert\nkind: tls\nhost: 127.0.0.1\nport: " + expired + "\ncaFile: "
        + certs.caPem());
    failed(tls, "tls_cert_expired", "tls");
    assertEquals(-30.0, tls.certDaysLeft(), 1.0);
    CheckSample tcp = once("name: port\nkind: tcp\nhost: 127.0.0.1\nport: " + valid + "\ntls: true\ncaFile: "
        + certs.caPem());
    assertEquals(true, tcp.ok(), tcp::toString);
    assertNotNull(tcp.tlsVersion());
  }

  @Test
  void plainHttpToATlsPortFailsInTheFirstByteOrTransfer() {
    CheckSample s = once("name: web\nkind: http\nurl: http://127.0.0.1:" + valid + "/\ntimeout: 1s");
    assertEquals(false, s.ok(), s::toString);
    assertNotNull(s.error());
  }
}
