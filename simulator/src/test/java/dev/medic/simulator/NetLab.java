package dev.medic.simulator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The fault lab of the network recordings: a client and a server namespace ({@code medic-t-<random>-c/-s}) joined
 * by a veth pair on 198.51.100.0/24 (TEST-NET-2, which exists only inside them), a real server process in the
 * server namespace ({@code python3}, listening with a chosen backlog, accepting or not), and iptables rules in the
 * server namespace. {@link #close()} kills the servers it started, by handle, deletes the rules and the namespaces
 * (the veth pair goes with them) in every outcome. Needs root, {@code ip}, {@code iptables}, {@code python3}.
 */
final class NetLab implements AutoCloseable {

  static final String CLIENT_ADDR = "198.51.100.1";
  static final String SERVER_ADDR = "198.51.100.2";
  static final int PORT = 8080;

  /** A listener: accept and close every connection, or never accept (the accept queue fills). */
  static final String SERVER = String.join("\n",
      "import socket, sys, time",
      "s = socket.socket()",
      "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
      "s.bind((sys.argv[1], int(sys.argv[2])))",
      "s.listen(int(sys.argv[3]))",
      "print('listening', flush=True)",
      "while sys.argv[4] == 'accept':",
      "    c, _ = s.accept()",
      "    c.close()",
      "time.sleep(3600)");

  final String client;
  final String server;
  private final List<Process> servers = new ArrayList<>();
  private final List<List<String>> undo = new ArrayList<>();

  private NetLab(String tag) {
    this.client = "medic-t-" + tag + "-c";
    this.server = "medic-t-" + tag + "-s";
  }

  static void require() {
    assumeTrue("root".equals(System.getProperty("user.name")), "lab recordings need root");
    for (String tool : List.of("ip", "iptables", "python3")) {
      assumeTrue(onPath(tool), "lab recordings need " + tool);
    }
  }

  static NetLab create() throws IOException {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    NetLab lab = new NetLab(tag);
    String vc = "mc" + tag;
    String vs = "ms" + tag;
    try {
      run("ip", "netns", "add", lab.client);
      run("ip", "netns", "add", lab.server);
      run("ip", "link", "add", vc, "type", "veth", "peer", "name", vs);
      run("ip", "link", "set", vc, "netns", lab.client);
      run("ip", "link", "set", vs, "netns", lab.server);
      run("ip", "-n", lab.client, "addr", "add", CLIENT_ADDR + "/24", "dev", vc);
      run("ip", "-n", lab.server, "addr", "add", SERVER_ADDR + "/24", "dev", vs);
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

  /** Starts the server in the server namespace and waits until it listens. */
  Process serve(int backlog, boolean accept) throws IOException {
    Process p = new ProcessBuilder("ip", "netns", "exec", server, "python3", "-c", SERVER, SERVER_ADDR,
        Integer.toString(PORT), Integer.toString(backlog), accept ? "accept" : "hold").redirectErrorStream(true)
        .start();
    servers.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"listening".equals(line)) {
      throw new IOException("the lab server did not start: " + line);
    }
    return p;
  }

  /** Kills a server this lab started and waits for it. */
  void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    p.waitFor(5, TimeUnit.SECONDS);
  }

  /** Adds a rule to the server's INPUT chain, deleted again by {@link #close()}. */
  void serverRule(String... rule) throws IOException {
    List<String> add = new ArrayList<>(List.of("ip", "netns", "exec", server, "iptables", "-I", "INPUT"));
    add.addAll(List.of(rule));
    run(add.toArray(String[]::new));
    List<String> del = new ArrayList<>(List.of("ip", "netns", "exec", server, "iptables", "-D", "INPUT"));
    del.addAll(List.of(rule));
    undo.add(0, del);
  }

  @Override
  public void close() {
    for (Process p : servers) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (List<String> u : undo) {
      try {
        run(u.toArray(String[]::new));
      } catch (IOException e) {
        // deleted with the namespace
      }
    }
    for (String ns : List.of(client, server)) {
      try {
        run("ip", "netns", "del", ns);
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
