package dev.medic.agent.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Mails each notice through one SMTP server: a minimal client of RFC 5321 over a socket (EHLO, optional STARTTLS,
 * MAIL FROM, RCPT TO, DATA, QUIT), plain text, no authentication — the relay on the host or the site's smarthost.
 * A 4xx reply or a broken connection is retried by the worker; a 5xx is refused for good. Every read and the
 * connect are bounded by the timeout, so a server that accepts and then says nothing costs one timeout per try.
 */
public final class SmtpSink implements Sink {

  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final String name;
  private final String host;
  private final int port;
  private final String from;
  private final List<String> to;
  private final boolean startTls;
  private final Duration timeout;

  public SmtpSink(String name, String host, int port, String from, List<String> to, boolean startTls,
      Duration timeout) {
    this.name = name;
    this.host = host;
    this.port = port;
    this.from = from;
    this.to = List.copyOf(to);
    this.startTls = startTls;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notice notice) throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      plain.setSoTimeout((int) timeout.toMillis());
      Conversation c = new Conversation(plain);
      c.expect(220, null);
      c.expect(250, "EHLO " + notice.host());
      if (startTls) {
        c.expect(220, "STARTTLS");
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(plain, host, port, true);
        tls.setSoTimeout((int) timeout.toMillis());
        tls.startHandshake();
        c = new Conversation(tls);
        c.expect(250, "EHLO " + notice.host());
      }
      c.expect(250, "MAIL FROM:<" + from + ">");
      for (String rcpt : to) {
        c.expect(250, "RCPT TO:<" + rcpt + ">");
      }
      c.expect(354, "DATA");
      c.write(message(notice));
      c.expect(250, ".");
      c.send("QUIT");
    } catch (SocketTimeoutException e) {
      throw new IOException("smtp " + host + ":" + port + ": no answer in " + timeout.toMillis() + "ms");
    }
  }

  /** The message: headers, a blank line, the text; lines end in CRLF and a leading dot is doubled. */
  String message(Notice n) {
    StringBuilder text = new StringBuilder();
    text.append(n.plan().summary()).append("\n\n");
    text.append("host: ").append(n.host()).append('\n');
    text.append("incident: ").append(n.incident()).append('\n');
    text.append("runbook: ").append(n.runbook()).append(" (").append(n.severity()).append(")\n");
    text.append("scope: ").append(n.plan().scope()).append('\n');
    n.plan().reasons().forEach(r -> text.append("because: ").append(r).append('\n'));
    text.append('\n');
    n.verdictLines().forEach(l -> text.append(l).append('\n'));
    if (!n.plan().advice().isEmpty()) {
      text.append('\n').append(n.plan().advice()).append('\n');
    }
    StringBuilder m = new StringBuilder();
    m.append("From: ").append(from).append("\r\n");
    m.append("To: ").append(String.join(", ", to)).append("\r\n");
    m.append("Subject: ").append(header("[medic " + n.severity() + "] " + n.host() + ": " + n.plan().summary()))
        .append("\r\n");
    m.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    m.append("Message-ID: <").append(n.incident()).append('.').append(System.nanoTime()).append("@medic>\r\n");
    m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n");
    m.append("\r\n");
    for (String line : text.toString().split("\n", -1)) {
      m.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
    }
    return m.toString();
  }

  /** A header value on one line: no CR or LF may end it early and start a header of the notice's choosing. */
  private static String header(String s) {
    String one = s.replaceAll("[\\r\\n\\t]+", " ");
    return one.length() > 200 ? one.substring(0, 200) : one;
  }

  /** Commands and replies on one socket; a reply may run over several {@code 250-…} lines. */
  private final class Conversation {
    private final BufferedReader in;
    private final OutputStream out;

    Conversation(Socket s) throws IOException {
      this.in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      this.out = s.getOutputStream();
    }

    void send(String command) throws IOException {
      write(command + "\r\n");
    }

    void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Sends {@code command} (none: only read the greeting) and reads a reply that must have {@code code}. */
    void expect(int code, String command) throws IOException {
      if (command != null) {
        send(command);
      }
      String line;
      int lines = 0;
      do {
        line = in.readLine();
        if (line == null) {
          throw new IOException("smtp " + host + ":" + port + ": connection closed"
              + (command == null ? "" : " after " + verb(command)));
        }
        if (++lines > 100 || line.length() < 3) {
          throw new IOException("smtp " + host + ":" + port + ": not an SMTP reply: " + clip(line));
        }
      } while (line.length() > 3 && line.charAt(3) == '-');
      int got;
      try {
        got = Integer.parseInt(line.substring(0, 3));
      } catch (NumberFormatException e) {
        throw new IOException("smtp " + host + ":" + port + ": not an SMTP reply: " + clip(line));
      }
      if (got != code) {
        String what = "smtp " + host + ":" + port + ": " + (command == null ? "greeting" : verb(command)) + " got "
            + clip(line);
        throw got >= 500 ? new Refused(what) : new IOException(what);
      }
    }

    private String verb(String command) {
      int sp = command.indexOf(' ');
      return command.equals(".") ? "end of DATA" : sp < 0 ? command : command.substring(0, sp);
    }

    private String clip(String s) {
      return s.length() > 120 ? s.substring(0, 120) : s;
    }
  }
}
