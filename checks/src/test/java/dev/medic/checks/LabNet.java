package dev.medic.checks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Two network namespaces the test makes, a client and a server host joined by a veth pair
 * ({@code 198.51.100.1/24} and {@code .2/24}, TEST-NET-2, which exists only inside them), and firewall rules
 * added in them; {@link #close()} deletes the rules and the namespaces (and with them the veth pair) in every
 * outcome. Needs root and {@code ip}; the test is skipped otherwise.
 */
public final class LabNet implements AutoCloseable {

  static final String CLIENT_ADDR = "198.51.100.1";
  static final String SERVER_ADDR = "198.51.100.2";

  public final String client;
  public final String server;
  public final String clientAddr;
  public final String serverAddr;
  private final List<List<String>> undo = new ArrayList<>();

  private LabNet(String tag, String clientAddr, String serverAddr) {
    this.client = "medic-t-" + tag + "-c";
    this.server = "medic-t-" + tag + "-s";
    this.clientAddr = clientAddr;
    this.serverAddr = serverAddr;
  }

  /** Skips the calling test unless it runs as root with {@code ip} (and iptables when asked). */
  public static void require(boolean iptables) {
    assumeTrue("root".equals(System.getProperty("user.name")), "lab tests need root");
    assumeTrue(onPath("ip"), "lab tests need ip (iproute2)");
    if (iptables) {
      assumeTrue(onPath("iptables"), "firewall lab tests need iptables");
    }
  }

  static LabNet create() throws IOException {
    return create(CLIENT_ADDR, SERVER_ADDR);
  }

  /**
   * A lab with other addresses (a /24 each side): a test that looks the server's address up among all namespaces
   * of the host picks addresses no other lab test uses at the same time.
   */
  public static LabNet create(String clientAddr, String serverAddr) throws IOException {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    LabNet lab = new LabNet(tag, clientAddr, serverAddr);
    String vc = "mc" + tag;
    String vs = "ms" + tag;
    try {
      run("ip", "netns", "add", lab.client);
      run("ip", "netns", "add", lab.server);
      run("ip", "link", "add", vc, "type", "veth", "peer", "name", vs);
      run("ip", "link", "set", vc, "netns", lab.client);
      run("ip", "link", "set", vs, "netns", lab.server);
      run("ip", "-n", lab.client, "addr", "add", clientAddr + "/24", "dev", vc);
      run("ip", "-n", lab.server, "addr", "add", serverAddr + "/24", "dev", vs);
      for (String ns : List.of(lab.client, lab.server)) {
        run("ip", "-n", ns, "link", "set", "lo", "up");
      }
      run("ip", "-n", lab.client, "link", "set", vc, "up");
      run("ip", "-n", lab.server, "link", "set", vs, "up");
      return lab;
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  /** Adds a rule to the server's INPUT chain ({@code iptables -I INPUT …}), deleted again by {@link #close()}. */
  public void serverRule(String... rule) throws IOException {
    List<String> add = new ArrayList<>(List.of("ip", "netns", "exec", server, "iptables", "-I", "INPUT"));
    add.addAll(List.of(rule));
    run(add.toArray(String[]::new));
    List<String> del = new ArrayList<>(List.of("ip", "netns", "exec", server, "iptables", "-D", "INPUT"));
    del.addAll(List.of(rule));
    undo.add(0, del);
  }

  /** Deletes the rules added so far (the namespaces stay). */
  public void clearRules() {
    for (List<String> u : undo) {
      try {
        run(u.toArray(String[]::new));
      } catch (IOException e) {
        // deleted with the namespace at the latest
      }
    }
    undo.clear();
  }

  /** Runs a command inside the client namespace. */
  String inClient(String... command) throws IOException {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", client));
    c.addAll(List.of(command));
    return run(c.toArray(String[]::new));
  }

  @Override
  public void close() {
    clearRules();
    for (String ns : List.of(client, server)) {
      try {
        run("ip", "netns", "del", ns); // the veth pair goes with its namespaces
      } catch (IOException e) {
        // not created
      }
    }
  }

  static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out.strip());
      }
      return out;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
