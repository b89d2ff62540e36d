package dev.medic.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates made with the JDK's {@code keytool} for the TLS tests: a CA, leaves it signs (valid for 30 days, or
 * issued 60 days ago for 30 days, hence expired), and a self-signed leaf nobody trusts. Each leaf is in a PKCS12
 * store of its own, for an {@code HttpsServer}.
 */
final class TestCerts {

  static final String PASS = "changeit";
  private final Path dir;

  TestCerts(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
        "CN=medic-test-ca", "-ext", "bc:c", "-validity", "365", "-keystore", store("ca"));
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", caPem().toString());
  }

  Path caPem() {
    return dir.resolve("ca.pem");
  }

  private String store(String name) {
    return dir.resolve(name + ".p12").toString();
  }

  /** A leaf for 127.0.0.1 and localhost signed by the CA; {@code startDate} like keytool's ("-60d"), or null. */
  KeyStore signedLeaf(String name, String startDate, int validityDays) throws IOException, InterruptedException {
    keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-keystore", store(name));
    Path csr = dir.resolve(name + ".csr");
    Path crt = dir.resolve(name + ".crt");
    keytool("-certreq", "-alias", "leaf", "-keystore", store(name), "-file", csr.toString());
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", store("ca"), "-infile",
        csr.toString(), "-outfile", crt.toString(), "-rfc", "-ext", "san=ip:127.0.0.1,dns:localhost",
        "-validity", Integer.toString(validityDays)));
    if (startDate != null) {
      gencert.addAll(List.of("-startdate", startDate));
    }
    keytool(gencert.toArray(String[]::new));
    keytool("-importcert", "-noprompt", "-trustcacerts", "-alias", "ca", "-file", caPem().toString(), "-keystore",
        store(name));
    keytool("-importcert", "-noprompt", "-alias", "leaf", "-file", crt.toString(), "-keystore", store(name));
    return load(name);
  }

  /** A self-signed leaf for 127.0.0.1: trusted by nobody. */
  KeyStore selfSigned(String name) throws IOException, InterruptedException {
    keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "30", "-keystore", store(name));
    return load(name);
  }

  private KeyStore load(String name) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(store(name)))) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASS.toCharArray());
      return ks;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASS, "-storetype", "PKCS12"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }
}
