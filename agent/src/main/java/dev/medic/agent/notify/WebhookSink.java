package dev.medic.agent.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * POSTs each notice as JSON to one URL, in Medic's format or Alertmanager's. A 2xx answer is delivery; a 5xx, 429,
 * a timeout or a refused connection is retried by the worker; any other 4xx means the receiver will never take this
 * body and is not retried. Runs on its worker's thread only; the request timeout bounds every attempt.
 */
public final class WebhookSink implements Sink {

  /** The two bodies ({@link Payloads}). */
  public enum Format { MEDIC, ALERTMANAGER }

  private final String name;
  private final URI url;
  private final Format format;
  private final Duration timeout;
  private final String generatorBase;
  private final HttpClient client;

  public WebhookSink(String name, URI url, Format format, Duration timeout, String generatorBase) {
    this.name = name;
    this.url = url;
    this.format = format;
    this.timeout = timeout;
    this.generatorBase = generatorBase;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notice notice) throws IOException {
    byte[] body = format == Format.ALERTMANAGER ? Payloads.alertmanager(notice, generatorBase) : Payloads.medic(notice);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json").header("User-Agent", "medic")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      throw new IOException("no answer in " + timeout.toMillis() + "ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    if (status / 100 == 4 && status != 429 && status != 408) {
      throw new Refused("HTTP " + status);
    }
    throw new IOException("HTTP " + status);
  }
}
