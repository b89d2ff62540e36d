package dev.medic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.agent.MedicConfig;
import dev.medic.agent.api.ApiSettings;
import dev.medic.agent.api.ApiToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the CLI talks to a running agent's API: the address from the config's {@code api:} section, the token from
 * its token file. A picocli mixin, so {@code status}, {@code incidents}, {@code pending}, {@code approve} and
 * {@code deny} share the options; every failure is one line (no agent answering, no token, the API's own 4xx).
 */
final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Settings file with the api: section (default: config/medic.yaml in Medic's folder).")
  Path config;

  @Option(names = "--url", paramLabel = "URL", description = "The agent's API, instead of the config's api.listen.")
  String url;

  @Option(names = "--token-file", paramLabel = "FILE", description = "The API token, instead of the config's.")
  Path tokenFile;

  @Option(names = "--json", description = "Print the API's JSON answer as it is.")
  boolean json;

  /** What the API answered, already checked to be a success. */
  record Answer(String body, JsonNode tree) {}

  /** An answer that is not a success, or no answer: the message is for the operator. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  Answer get(String path) throws Failed {
    return send(HttpRequest.newBuilder(uri(path)).GET(), false);
  }

  Answer post(String path, Map<String, String> body) throws Failed {
    try {
      return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), true);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Failed("cannot write the request: " + e.getOriginalMessage());
    }
  }

  private Answer send(HttpRequest.Builder request, boolean needsToken) throws Failed {
    String token = token(needsToken);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> r;
    URI target = request.timeout(Duration.ofSeconds(15)).build().uri();
    try {
      r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Failed("no agent answering at " + base() + " (is medic run running with an api: section?)");
    } catch (HttpTimeoutException e) {
      throw new Failed("the agent at " + base() + " did not answer in time");
    } catch (IOException e) {
      throw new Failed("cannot reach the agent at " + base() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("interrupted");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new Failed(target + " answered " + r.statusCode() + " with something that is not JSON");
    }
    if (r.statusCode() >= 300) {
      JsonNode error = tree == null ? null : tree.get("error");
      throw new Failed(error == null ? target + " answered " + r.statusCode() : error.asText());
    }
    return new Answer(r.body(), tree);
  }

  /** The token, or null for a read when there is none to read. */
  private String token(boolean required) throws Failed {
    Path file = tokenFile;
    try {
      if (file == null) {
        MedicConfig cfg = loadConfig();
        file = cfg.api().tokenFile(cfg.stateDir());
      }
      return ApiToken.read(file);
    } catch (IOException e) {
      if (required) {
        throw new Failed(e.getMessage());
      }
      return null;
    }
  }

  private String base() throws Failed {
    if (url != null) {
      return url.replaceAll("/+$", "");
    }
    return loadConfig().api().url();
  }

  private URI uri(String path) throws Failed {
    try {
      return URI.create(base() + path);
    } catch (IllegalArgumentException e) {
      throw new Failed("not a URL: " + base());
    }
  }

  private MedicConfig loadConfig() throws Failed {
    Path file = config != null ? config : MedicHome.defaultConfig().orElse(null);
    if (file == null) {
      return MedicConfig.defaults(List.of()).withApi(ApiSettings.parse(new ApiSettings.Raw(null, null, null, null,
          null, null), Path.of(".")));
    }
    try {
      MedicConfig cfg = MedicConfig.load(file);
      if (!cfg.api().enabled()) {
        throw new Failed(file + " has no api: section, so the agent runs no API (add api: {listen: "
            + ApiSettings.DEFAULT_HOST + ":" + ApiSettings.DEFAULT_PORT + "})");
      }
      return cfg;
    } catch (MedicConfig.ConfigException e) {
      throw new Failed(e.getMessage());
    }
  }

  /** Epoch milliseconds as {@code 2026-01-01T00:01:20Z}. */
  static String when(long ms) {
    return java.time.Instant.ofEpochMilli(ms).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
