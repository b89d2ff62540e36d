package dev.medic.agent.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on 127.0.0.1 owned by the test: it speaks enough of RFC 5321 for a client (greeting, EHLO,
 * MAIL, RCPT, DATA with dot-stuffing, QUIT), keeps every message it accepted, and can answer the end of DATA with
 * a temporary failure for the first sessions, refuse for good, or accept connections and never speak (dead).
 */
final class TestSmtpServer implements AutoCloseable {

  enum Mode { OK, DEAD }

  private final ServerSocket server;
  private final Thread thread;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  final List<String> messages = new CopyOnWriteArrayList<>();
  final List<String> envelopes = new CopyOnWriteArrayList<>();
  final AtomicInteger sessions = new AtomicInteger();
  volatile Mode mode = Mode.OK;
  /** Sessions whose DATA gets 451 before one gets 250. */
  final AtomicInteger temporaryFailures = new AtomicInteger();
  /** The reply to the end of DATA when not failing temporarily. */
  volatile String dataReply = "250 2.0.0 queued";

  TestSmtpServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::accept, "test-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        clients.add(s);
        sessions.incrementAndGet();
        Thread t = new Thread(() -> session(s), "test-smtp-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket s) {
    try (s) {
      if (mode == Mode.DEAD) {
        s.getInputStream().read(); // says nothing; the client's timeout must end it
        return;
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      say(out, "220 test.local ESMTP");
      StringBuilder envelope = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (verb) {
          case "EHLO" -> say(out, "250-test.local\r\n250-8BITMIME\r\n250 SIZE 1000000");
          case "MAIL", "RCPT" -> {
            envelope.append(line).append('\n');
            say(out, "250 2.1.0 ok");
          }
          case "DATA" -> {
            say(out, "354 go ahead");
            StringBuilder m = new StringBuilder();
            String l;
            while ((l = in.readLine()) != null && !l.equals(".")) {
              m.append(l.startsWith("..") ? l.substring(1) : l).append('\n');
            }
            if (temporaryFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              say(out, "451 4.3.0 try again later");
            } else {
              if (dataReply.startsWith("2")) {
                messages.add(m.toString());
                envelopes.add(envelope.toString());
              }
              say(out, dataReply);
            }
          }
          case "QUIT" -> {
            say(out, "221 bye");
            return;
          }
          default -> say(out, "502 5.5.2 not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : clients) {
      s.close();
    }
  }
}
