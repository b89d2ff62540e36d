package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code medic diagnose} against real services on 127.0.0.1 that the test starts: a healthy HTTP server, a port
 * nobody listens on, a listener with backlog 1 that never accepts and that the test fills, and a server out of
 * file descriptors ({@code ulimit -n 16} in a child shell, then python filling its table). Each names its cause.
 */
class DiagnoseCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aHealthyHttpServiceExitsZeroAndShowsItsListenerAndOwner() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
    server.createContext("/", x -> {
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      long started = System.nanoTime();
      CliRun r = CliRun.of("diagnose", "http://127.0.0.1:" + port + "/");
      long ms = (System.nanoTime() - started) / 1_000_000;
      assertEquals(MedicCli.OK, r.code(), r.toString());
      assertTrue(r.out().contains("ok   http 127.0.0.1:" + port + " HTTP 204"), r.out());
      assertTrue(r.out().contains("127.0.0.1:" + port), r.out());
      assertTrue(r.out().contains("pid " + ProcessHandle.current().pid()), "the owner is this JVM: " + r.out());
      assertTrue(r.out().contains("Verdict: healthy"), r.out());
      assertTrue(ms < 5_000, "in process, " + ms + " ms");

      JsonNode json = JSON.readTree(CliRun.of("diagnose", "--json", "http://127.0.0.1:" + port + "/").out());
      assertTrue(json.get("healthy").asBoolean(), json.toString());
      assertEquals("host", json.get("servedFrom").asText());
      assertEquals(port, json.at("/inside/listeners/0/port").asInt(), json.toString());
      assertTrue(json.at("/inside/listeners/0/backlog").asInt() > 0, json.toString());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRefusedPortWithNothingListeningIsAServiceDown() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }
    CliRun r = CliRun.of("diagnose", "tcp://127.0.0.1:" + port);
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertTrue(r.out().contains("connect failed with connect_refused"), r.out());
    assertTrue(r.out().contains("listener on port " + port + ": none"), r.out());
    assertTrue(r.out().contains("[service_") && r.out().contains("Verdict: UNHEALTHY: service_"), r.out());

    JsonNode json = JSON.readTree(CliRun.of("diagnose", "--json", "tcp://127.0.0.1:" + port).out());
    assertTrue(json.get("cause").asText().startsWith("service_"), json.toString());
    assertEquals("connect_refused", json.at("/checks/0/error").asText());
  }

  @Test
  void aFullAcceptQueueIsNamedWithItsOverflows() throws Exception {
    List<Socket> fill = new ArrayList<>();
    try (ServerSocket never = new ServerSocket(0, 1, LOOPBACK)) {
      int port = never.getLocalPort();
      for (int i = 0; i < 8; i++) { // backlog 1: the kernel queues 2, then drops SYNs
        Socket s = new Socket();
        fill.add(s);
        try {
          s.connect(new InetSocketAddress(LOOPBACK, port), 300);
        } catch (IOException e) {
          break;
        }
      }
      CliRun r = CliRun.of("diagnose", "--timeout", "1s", "tcp://127.0.0.1:" + port);
      assertEquals(MedicCli.FAILED, r.code(), r.toString());
      assertTrue(r.out().contains("connect_timeout"), r.out());
      assertTrue(r.out().contains("[accept_queue_overflow]"), r.out());
      assertTrue(r.out().contains("Verdict: UNHEALTHY: accept_queue_overflow"), r.out());
      assertTrue(r.out().contains("ListenOverflows +"), r.out());
    } finally {
      for (Socket s : fill) {
        s.close();
      }
    }
  }

  /** A python server under {@code ulimit -n 16} that opens files until EMFILE: connects, never answers. */
  static final String FD_HOG = String.join("\n",
      "import socket, sys, time",
      "s = socket.socket()",
      "s.bind(('127.0.0.1', 0))",
      "s.listen(64)",
      "held = []",
      "try:",
      "    while True:",
      "        held.append(open('/dev/null'))",
      "except OSError:",
      "    pass",
      "held.pop().close()",
      "sys.stdout.write(str(s.getsockname()[1]) + '\\n')",
      "sys.stdout.flush()",
      "held.append(open('/dev/null'))",
      "while True:",
      "    try:",
      "        c, _ = s.accept()",
      "        c.close()",
      "    except OSError:",
      "        time.sleep(0.05)",
      "");

  @Test
  void aServerOutOfFileDescriptorsIsFdExhaustion() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
    assumeTrue(onPath("python3"), "needs python3");
    Process hog = new ProcessBuilder("/bin/bash", "-c", "ulimit -n 16; exec python3 -c \"$0\"", FD_HOG)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(hog.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assumeTrue(line != null, "the fd hog did not start");
      int port = Integer.parseInt(line.trim());
      CliRun r = CliRun.of("diagnose", "--timeout", "1s", "http://127.0.0.1:" + port + "/");
      assertEquals(MedicCli.FAILED, r.code(), r.toString());
      assertTrue(r.out().contains("first_byte"), r.out());
      assertTrue(r.out().contains("[fd_exhaustion]"), r.out());
      assertTrue(r.out().contains("of 16 open files"), r.out());
      assertTrue(r.out().contains("pid " + hog.pid()), r.out());
    } finally {
      hog.destroyForcibly();
      hog.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void badTargetsAreUsageErrorsAndHelpNamesTheExitCodes() {
    CliRun ftp = CliRun.of("diagnose", "ftp://example.com/");
    assertEquals(MedicCli.USAGE, ftp.code(), ftp.toString());
    assertTrue(ftp.err().contains("only http://, https:// and tcp://"), ftp.err());
    assertEquals(MedicCli.USAGE, CliRun.of("diagnose", "host:80").code());
    assertTrue(CliRun.of("diagnose", "host:80").err().contains("tcp://host:80"));
    assertEquals(MedicCli.USAGE, CliRun.of("diagnose").code());
    assertEquals(MedicCli.USAGE, CliRun.of("diagnose", "--timeout", "soon", "tcp://127.0.0.1:1").code());
    assertEquals(MedicCli.USAGE, CliRun.of("diagnose", "--netns", "medic-t-none", "tcp://127.0.0.1:1").code());
    CliRun help = CliRun.of("diagnose", "--help");
    assertEquals(MedicCli.OK, help.code());
    assertTrue(help.out().contains("Exit status: 0 healthy, 1 unhealthy, 2 usage error"), help.out());
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
