package dev.medic.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 GET written on a raw socket (so each phase is timed: {@code java.net.http.HttpClient} has no phase
 * hooks), {@code Connection: close}, no redirect followed (a 3xx is a status like any other), the body read up to
 * the spec's limit and matched there. {@code firstByte} runs from writing the request to the first byte of the
 * reply (as blackbox's {@code processing}); {@code transfer} from that byte to the end of the body read.
 */
final class HttpCheck implements Check {

  static final int HEAD_LIMIT = 64 * 1024;

  @Override
  public void run(CheckSpec spec, String target, Attempt a) {
    CheckSpec.Http h = (CheckSpec.Http) spec;
    a.host = h.host();
    a.port = h.port();
    Socket s = Connector.connect(a, Connector.resolve(a, h.host()), h.port());
    if ("https".equals(h.url().getScheme())) {
      String bare = h.host().replace("[", "").replace("]", "");
      s = Connector.handshake(a, s, bare, h.port(), h.caFile());
    }
    a.begin(Phase.FIRST_BYTE);
    DeadlineInput in;
    try {
      s.getOutputStream().write(request(h.url(), h.port()).getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      in = new DeadlineInput(s, s.getInputStream(), a);
    } catch (IOException e) {
      throw a.fail(Connector.readError(e, a, Phase.FIRST_BYTE), e.toString());
    }
    if (in.peek() < 0) {
      throw a.fail(ErrorKind.FIRST_BYTE_CLOSED, "closed before any byte of the reply");
    }
    a.begin(Phase.TRANSFER);
    Head head = Head.parse(in.line(HEAD_LIMIT, a), in, a);
    a.status = head.status;
    byte[] body = body(head, in, h.bodyLimit(), a);
    a.bytes = (long) body.length;
    a.end();
    if (!h.expectStatus().contains(head.status)) {
      a.begin(Phase.STATUS);
      throw a.fail(ErrorKind.HTTP_STATUS, "status " + head.status);
    }
    if (h.bodyRegex().isPresent()) {
      a.begin(Phase.BODY);
      CharSequence text = new DeadlineChars(new String(body, StandardCharsets.UTF_8), a);
      if (!h.bodyRegex().get().matcher(text).find()) {
        throw a.fail(ErrorKind.BODY_MISMATCH, "no match for " + h.bodyRegex().get());
      }
      a.end();
    }
  }

  static String request(URI url, int port) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    boolean defaultPort = url.getPort() < 0;
    return "GET " + path + query + " HTTP/1.1\r\n"
        + "Host: " + url.getHost() + (defaultPort ? "" : ":" + port) + "\r\n"
        + "User-Agent: medic-check/1\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  }

  /** The body as framed by the head (length, chunked, or to the close), at most {@code limit} bytes of it. */
  private static byte[] body(Head head, DeadlineInput in, int limit, Attempt a) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (head.status < 200 || head.status == 204 || head.status == 304) {
      return out.toByteArray();
    }
    if (head.headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
      while (out.size() < limit) {
        String sizeLine = in.line(1024, a);
        long size;
        try {
          size = Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
        } catch (NumberFormatException e) {
          throw a.fail(ErrorKind.HTTP_PROTOCOL, "bad chunk size '" + sizeLine + "'");
        }
        if (size == 0) {
          break;
        }
        in.copy(out, size, limit, a);
        in.line(16, a);
      }
      return out.toByteArray();
    }
    String length = head.headers.get("content-length");
    if (length != null) {
      try {
        in.copy(out, Long.parseLong(length.trim()), limit, a);
      } catch (NumberFormatException e) {
        throw a.fail(ErrorKind.HTTP_PROTOCOL, "bad Content-Length '" + length + "'");
      }
    } else {
      in.copy(out, Long.MAX_VALUE, limit, a);
    }
    return out.toByteArray();
  }

  /** The status line and the headers (names lower-cased; a repeated header keeps its last value). */
  record Head(int status, Map<String, String> headers) {

    static Head parse(String statusLine, DeadlineInput in, Attempt a) {
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw a.fail(ErrorKind.HTTP_PROTOCOL, "not an HTTP status line: '" + abbreviate(statusLine) + "'");
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw a.fail(ErrorKind.HTTP_PROTOCOL, "bad status '" + abbreviate(parts[1]) + "'");
      }
      Map<String, String> headers = new TreeMap<>();
      int budget = HEAD_LIMIT;
      for (String line = in.line(budget, a); !line.isEmpty(); line = in.line(budget, a)) {
        budget -= line.length();
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
      }
      return new Head(status, headers);
    }

    private static String abbreviate(String s) {
      return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
  }

  /** Socket input whose every read waits at most the time the attempt has left. */
  static final class DeadlineInput {
    private final Socket socket;
    private final InputStream in;
    private final Attempt attempt;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int len;
    private boolean eof;

    DeadlineInput(Socket socket, InputStream in, Attempt attempt) {
      this.socket = socket;
      this.in = in;
      this.attempt = attempt;
    }

    /** The next byte without consuming it, -1 at the end. */
    int peek() {
      if (pos == len && !fill()) {
        return -1;
      }
      return buf[pos] & 0xff;
    }

    private boolean fill() {
      if (eof) {
        return false;
      }
      try {
        socket.setSoTimeout(attempt.remainingMillis());
        int n = in.read(buf);
        if (n < 0) {
          eof = true;
          return false;
        }
        pos = 0;
        len = n;
        return true;
      } catch (IOException e) {
        Phase phase = attempt.phase() == null ? Phase.TRANSFER : attempt.phase();
        throw attempt.fail(Connector.readError(e, attempt, phase), e.toString());
      }
    }

    /** A line without its CRLF; the reply ending first, or a longer line, fails the attempt. */
    String line(int limit, Attempt a) {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int c = peek();
        if (c < 0) {
          throw a.fail(ErrorKind.TRANSFER_CLOSED, "closed in the middle of the head");
        }
        pos++;
        if (c == '\n') {
          int n = sb.length();
          return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
        }
        if (sb.length() >= limit) {
          throw a.fail(ErrorKind.HTTP_PROTOCOL, "a line of the reply is longer than " + limit + " bytes");
        }
        sb.append((char) c);
      }
    }

    /**
     * Copies {@code count} bytes (to the end when {@link Long#MAX_VALUE}) into {@code out}, keeping at most
     * {@code limit} in all and reading no further than that: a large body is not drained.
     */
    void copy(ByteArrayOutputStream out, long count, int limit, Attempt a) {
      long left = count;
      while (left > 0 && out.size() < limit) {
        if (peek() < 0) {
          if (count == Long.MAX_VALUE) {
            return;
          }
          throw a.fail(ErrorKind.TRANSFER_CLOSED, "closed with " + left + " bytes of the body missing");
        }
        int n = (int) Math.min(Math.min(left, len - pos), limit - out.size());
        out.write(buf, pos, n);
        pos += n;
        left -= n;
      }
    }
  }

  /**
   * The body text for the regex, checking every 4096 characters whether the attempt was cut: Java's regex engine
   * backtracks, so a pattern with nested quantifiers may take long even on the 64 KiB the body is bounded to.
   */
  record DeadlineChars(String text, Attempt attempt) implements CharSequence {
    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if ((index & 4095) == 0 && attempt.cancelled()) {
        throw attempt.fail(ErrorKind.CHECK_TIMEOUT, "body match cut at the deadline");
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new DeadlineChars(text.substring(start, end), attempt);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
