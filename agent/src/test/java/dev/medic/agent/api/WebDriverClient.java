package dev.medic.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough of the W3C WebDriver protocol, over HTTP to a chromedriver this class starts, to drive a real
 * headless Chromium: a session, navigate, find, type, click, read text. No Selenium: five endpoints are all the
 * page test needs. Closing ends the session and the driver (which ends the browser) in every outcome.
 */
final class WebDriverClient implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process driver;
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String session;

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  WebDriverClient(Path profile) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port)
        .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromedriver.log").toFile()).start();
    try {
      for (int i = 0; !ready(); i++) {
        if (i > 100) {
          throw new IllegalStateException("chromedriver did not answer in 10 s");
        }
        Thread.sleep(100);
      }
      Map<String, Object> options = Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless",
          "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
      JsonNode r = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
          Map.of("browserName", "chrome", "goog:chromeOptions", options))));
      session = r.path("sessionId").asText();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  private boolean ready() {
    try {
      return call("GET", "/status", null).path("ready").asBoolean();
    } catch (Exception e) {
      return false;
    }
  }

  void open(String url) throws Exception {
    call("POST", "/session/" + session + "/url", Map.of("url", url));
  }

  /** The element matching a CSS selector, if there is one now. */
  Optional<String> find(String css) throws Exception {
    HttpResponse<String> r = send("POST", "/session/" + session + "/element",
        Map.of("using", "css selector", "value", css));
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(value(r).path(ELEMENT).asText());
  }

  /** Waits up to the limit for an element to appear. */
  String await(String css, Duration limit) throws Exception {
    long until = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < until) {
      Optional<String> e = find(css);
      if (e.isPresent()) {
        return e.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no element " + css + " on the page after " + limit);
  }

  void type(String element, String text) throws Exception {
    call("POST", "/session/" + session + "/element/" + element + "/value", Map.of("text", text));
  }

  void click(String element) throws Exception {
    call("POST", "/session/" + session + "/element/" + element + "/click", Map.of());
  }

  String text(String element) throws Exception {
    return call("GET", "/session/" + session + "/element/" + element + "/text", null).asText();
  }

  private JsonNode call(String method, String path, Object body) throws Exception {
    HttpResponse<String> r = send(method, path, body);
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
    }
    return value(r);
  }

  private static JsonNode value(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).path("value");
  }

  private HttpResponse<String> send(String method, String path, Object body) throws Exception {
    HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").method(method, p);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        send("DELETE", "/session/" + session, null);
      }
    } catch (Exception e) {
      // the driver is killed next either way
    } finally {
      driver.descendants().forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
    }
  }
}
