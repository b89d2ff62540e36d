package dev.medic.checks;

import static dev.medic.checks.Checks.failed;
import static dev.medic.checks.Checks.once;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.medic.probes.facts.CheckSample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP and TCP checks against real servers on 127.0.0.1. */
class HttpCheckTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private HttpServer server;
  private final List<AutoCloseable> closeMe = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
    server.createContext("/ok", x -> reply(x, 200, "medic says hello"));
    server.createContext("/broken", x -> reply(x, 500, "oops"));
    server.createContext("/moved", x -> {
      x.getResponseHeaders().add("Location", "/ok");
      reply(x, 302, "");
    });
    server.createContext("/big", x -> reply(x, 200, "x".repeat(200_000)));
    server.createContext("/chunked", x -> {
      x.sendResponseHeaders(200, 0); // length 0: the JDK server sends the body chunked
      try (OutputStream out = x.getResponseBody()) {
        for (int i = 0; i < 50; i++) {
          out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(0);
    for (AutoCloseable c : closeMe) {
      c.close();
    }
  }

  private static void reply(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void healthyServiceHasEveryPhase() {
    CheckSample s = once("name: web\nkind: http\nurl: " + url("/ok") + "\nbodyRegex: 'says \\w+'");
    assertEquals(true, s.ok(), s::toString);
    assertNull(s.error());
    assertEquals(200, s.status());
    assertEquals(16L, s.bytes());
    assertEquals("127.0.0.1", s.addr());
    assertEquals(0.0, s.resolveMs(), 1.0);
    for (Double phase : List.of(s.connectMs(), s.firstByteMs(), s.transferMs(), s.totalMs())) {
      assertNotNull(phase, s::toString);
      assertTrue(phase >= 0 && phase < 1000, s::toString);
    }
    assertTrue(s.totalMs() >= s.connectMs() + s.firstByteMs(), s::toString);
    assertNull(s.tlsMs());
    assertEquals(0, s.consecutiveFailures());
  }

  @Test
  void unexpectedStatusAndBody() {
    failed(once("name: web\nkind: http\nurl: " + url("/broken")), "http_status", "status");
    CheckSample body = once("name: web\nkind: http\nurl: " + url("/ok") + "\nbodyRegex: goodbye");
    failed(body, "body_mismatch", "body");
    assertEquals(200, body.status());
    CheckSample expected = once("name: web\nkind: http\nurl: " + url("/broken") + "\nexpectStatus: [500-503]");
    assertEquals(true, expected.ok(), expected::toString);
  }

  @Test
  void aRedirectIsNotFollowed() {
    CheckSample s = once("name: web\nkind: http\nurl: " + url("/moved"));
    assertEquals(true, s.ok(), s::toString);
    assertEquals(302, s.status());
    failed(once("name: web\nkind: http\nurl: " + url("/moved") + "\nexpectStatus: 200"), "http_status", "status");
  }

  @Test
  void theBodyIsReadOnlyToItsLimit() {
    CheckSample s = once("name: web\nkind: http\nurl: " + url("/big") + "\nbodyLimit: 1000");
    assertEquals(true, s.ok(), s::toString);
    assertEquals(1000L, s.bytes());
  }

  @Test
  void refusedIsFastAndNamed() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, LOOPBACK)) {
      port = free.getLocalPort(); // closed again: nothing listens there now
    }
    CheckSample s = once("name: web\nkind: http\nurl: http://127.0.0.1:" + port + "/");
    failed(s, "connect_refused", "connect");
    assertTrue(s.connectMs() < 100, s::toString);
    assertNull(s.firstByteMs());
    CheckSample tcp = once("name: port\nkind: tcp\nhost: 127.0.0.1\nport: " + port);
    failed(tcp, "connect_refused", "connect");
    assertEquals(1, tcp.consecutiveFailures());
  }

  @Test
  void connectedButSilentIsFirstByteTimeout() throws IOException {
    ServerSocket silent = new ServerSocket(0, 50, LOOPBACK);
    closeMe.add(silent);
    List<Socket> accepted = new ArrayList<>();
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          accepted.add(silent.accept()); // accepts and never writes
        }
      } catch (IOException e) {
        // closed by the test
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    CheckSample s = once("name: web\nkind: http\nurl: http://127.0.0.1:" + silent.getLocalPort()
        + "/\ntimeout: 700ms\ninterval: 5s");
    failed(s, "first_byte_timeout", "firstByte");
    assertNotNull(s.connectMs());
    assertTrue(s.totalMs() >= 650 && s.totalMs() < 1200, s::toString);
    CheckSample tcp = once("name: port\nkind: tcp\nhost: 127.0.0.1\nport: " + silent.getLocalPort());
    assertEquals(true, tcp.ok(), "a listener that accepts is fine for a tcp check: " + tcp);
  }

  @Test
  void fullAcceptQueueIsConnectTimeout() throws IOException {
    ServerSocket never = new ServerSocket(0, 1, LOOPBACK); // listen(1), never accept
    closeMe.add(never);
    int port = never.getLocalPort();
    for (int i = 0; i < 3; i++) { // backlog + 1 complete; the rest wait in SYN_SENT
      Socket filler = new Socket();
      closeMe.add(filler);
      try {
        filler.connect(new InetSocketAddress(LOOPBACK, port), 300);
      } catch (IOException e) {
        // the queue is full already
      }
    }
    CheckSample s = once("name: port\nkind: tcp\nhost: 127.0.0.1\nport: " + port + "\ntimeout: 800ms");
    failed(s, "connect_timeout", "connect");
    assertTrue(s.connectMs() >= 600 && s.connectMs() < 1300, s::toString); // first use loads classes
    assertTrue(s.totalMs() >= 780, s::toString);
    assertTrue(s.totalMs() < 1300, s::toString);
  }

  @Test
  void chunkedBodiesAreDecoded() {
    CheckSample s = once("name: web\nkind: http\nurl: " + url("/chunked") + "\nbodyRegex: 'line 49\\n$'");
    assertEquals(true, s.ok(), s::toString);
    assertEquals(390L, s.bytes()); // 10 lines of 7 bytes, 40 of 8
  }

  /** A raw server: accepts, reads the request, writes {@code reply} (may be empty), then holds or closes. */
  private int rawServer(String reply, boolean close) throws IOException {
    ServerSocket raw = new ServerSocket(0, 50, LOOPBACK);
    closeMe.add(raw);
    Thread t = new Thread(() -> {
      try {
        Socket c = raw.accept();
        closeMe.add(c);
        c.getInputStream().read(new byte[4096]);
        c.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
        c.getOutputStream().flush();
        if (close) {
          c.close();
        }
      } catch (IOException e) {
        // closed by the test
      }
    });
    t.setDaemon(true);
    t.start();
    return raw.getLocalPort();
  }

  @Test
  void aStalledBodyIsTransferTimeout() throws IOException {
    int port = rawServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", false);
    CheckSample s = once("name: web\nkind: http\nurl: http://127.0.0.1:" + port + "/\ntimeout: 600ms");
    failed(s, "transfer_timeout", "transfer");
    assertEquals(200, s.status());
    assertNotNull(s.firstByteMs());
    assertTrue(s.totalMs() >= 550 && s.totalMs() < 1100, s::toString);
  }

  @Test
  void closedWithoutAReplyAndShortBodies() throws IOException {
    failed(once("name: web\nkind: http\nurl: http://127.0.0.1:" + rawServer("", true) + "/"),
        "first_byte_closed", "firstByte");
    failed(once("name: web\nkind: http\nurl: http://127.0.0.1:"
        + rawServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", true) + "/"), "transfer_closed",
        "transfer");
    failed(once("name: web\nkind: http\nurl: http://127.0.0.1:" + rawServer("SSH-2.0-OpenSSH_9.2\r\n", true)
        + "/"), "http_protocol", "transfer");
  }

  @Test
  void unknownNameIsResolveFailure() {
    CheckSample s = once("name: web\nkind: http\nurl: http://medic-no-such-host.invalid/");
    assertEquals(false, s.ok());
    assertEquals("resolve", s.failedPhase(), s::toString);
    assertTrue(s.error().startsWith("dns_"), s::toString);
    assertNull(s.connectMs());
  }
}
