package dev.medic.agent.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 owned by the test (the JDK's HttpServer): it keeps every body it accepted and can
 * answer 500 for the first requests, answer every request with a given status, or take its time.
 */
final class TestReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();
  /** Requests answered 500 before one is accepted. */
  final AtomicInteger failFirst = new AtomicInteger();
  /** The status of requests not failed by {@link #failFirst}. */
  volatile int status = 200;
  volatile long delayMs;

  TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(threads);
    server.createContext("/hook", exchange -> {
      requests.incrementAndGet();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (delayMs > 0) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int answer = failFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : status;
      if (answer / 100 == 2) {
        bodies.add(new String(body, StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(answer, -1);
      exchange.close();
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
