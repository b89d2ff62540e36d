package dev.medic.probes.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The redaction policy: a table of secret forms, what it keeps, and that it is linear and idempotent. */
class RedactionTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "java -jar app.jar --port=8080 | java -jar app.jar --port=8080",
      "app --password=hunter2 --verbose | app --password=<redacted> --verbose",
      "app --PASSWORD=hunter2 | app --PASSWORD=<redacted>",
      "app --db-password hunter2 -v | app --db-password <redacted> -v",
      "app --password -hunter2 | app --password <redacted>",
      "app --token --next | app --token <redacted>",
      "app -token:abc123 | app -token:<redacted>",
      "app --api-key sk-123 --keep | app --api-key <redacted> --keep",
      "app --secret | app --secret",
      "mysql -uroot -phunter2 db | mysql -uroot -p<redacted> db",
      "env DB_PASSWORD=hunter2 app | env DB_PASSWORD=<redacted> app",
      "env GITHUB_PAT=ghp_x API_CREDS=c app | env GITHUB_PAT=<redacted> API_CREDS=<redacted> app",
      "run api_key=k Auth_Header=h x | run api_key=<redacted> Auth_Header=<redacted> x",
      "x MY_CREDENTIALS=a PASSWD=c | x MY_CREDENTIALS=<redacted> PASSWD=<redacted>",
      "x MY_CREDENTIAL=b | x MY_CREDENTIAL=<redacted>",
      "x PATH=/bin PWD=/srv OLDPWD=/ | x PATH=/bin PWD=/srv OLDPWD=/",
      "psql postgres://admin:hunter2@db/x | psql postgres://<redacted>@db/x",
      "git clone https://user:tok@github.com/o/r | git clone https://<redacted>@github.com/o/r",
      "curl -H Authorization: Bearer abc.def | curl -H Authorization: Bearer <redacted>",
      "curl -H Authorization:Bearer abc.def | curl -H Authorization:Bearer <redacted>",
      "curl -H Authorization: Basic dXNlcjpwYXNz | curl -H Authorization: Basic <redacted>",
      "curl -H X-Api-Key: k1 | curl -H X-Api-Key: <redacted>",
      "curl --header=Authorization: token t | curl --header=Authorization: token <redacted>",
      "java -Djavax.net.ssl.keyStorePassword=s -jar a | java -Djavax.net.ssl.keyStorePassword=<redacted> -jar a",
      "nginx: master process /usr/sbin/nginx | nginx: master process /usr/sbin/nginx",
      "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 | sshd: /usr/sbin/sshd -D [listener] 0 of 10-100",
      "python3 -m celery -A tasks worker --concurrency 1 | python3 -m celery -A tasks worker --concurrency 1"})
  void commandLineSecretsAreRedacted(String in, String out) {
    assertEquals(out, Redaction.commandLine(in));
    assertEquals(out, Redaction.commandLine(out), "redacting twice changes nothing");
  }

  static Stream<Arguments> environments() {
    return Stream.of(
        Arguments.of("DB_PASSWORD=hunter2", "DB_PASSWORD=<redacted>"),
        Arguments.of("db_password=hunter2", "db_password=<redacted>"),
        Arguments.of("GITHUB_PAT=ghp_1", "GITHUB_PAT=<redacted>"),
        Arguments.of("API_CREDS=c", "API_CREDS=<redacted>"),
        Arguments.of("AWS_SECRET_ACCESS_KEY=abc/def", "AWS_SECRET_ACCESS_KEY=<redacted>"),
        Arguments.of("MYSQL_PWD=x", "MYSQL_PWD=<redacted>"),
        Arguments.of("SSH_AUTH_SOCK=/tmp/agent", "SSH_AUTH_SOCK=<redacted>"),
        Arguments.of("SENTRY_DSN=https://abc@o1.ingest.sentry.io/1", "SENTRY_DSN=<redacted>"),
        Arguments.of("DATABASE_URL=postgres://app:hunter2@db.internal:5432/app",
            "DATABASE_URL=postgres://<redacted>@db.internal:5432/app"),
        Arguments.of("CACHE=redis://:p@ss/w+rd@cache:6379/0", "CACHE=redis://<redacted>@cache:6379/0"),
        Arguments.of("UPSTREAMS=http://a:b@h1,http://c:d@h2 amqp://u:v@mq",
            "UPSTREAMS=http://<redacted>@h1,http://<redacted>@h2 amqp://<redacted>@mq"),
        Arguments.of("HOME_PAGE=https://example.com/?mail=a@b.c", "HOME_PAGE=https://example.com/?mail=a@b.c"),
        Arguments.of("JAVA_OPTS=-Xmx1g -Ddb.password=s", "JAVA_OPTS=-Xmx1g -Ddb.password=<redacted>"),
        Arguments.of("PATH=/usr/bin", "PATH=/usr/bin"),
        Arguments.of("PWD=/srv", "PWD=/srv"),
        Arguments.of("OPTS=-Da=b -Dc=d", "OPTS=-Da=b -Dc=d"),
        Arguments.of("EMPTY=", "EMPTY="),
        Arguments.of("ODD", "ODD"),
        Arguments.of("GREETING=hi\nDB_PASSWORD=fake", "GREETING=hi\\nDB_PASSWORD=fake"),
        Arguments.of("TITLE=\u001b[2Jgone", "TITLE=\\x1b[2Jgone"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("environments")
  void environmentsAreRedactedByName(String entry, String expected) {
    assertEquals(expected + "\n", Redaction.environment(entry.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void environmentSplitsOnNul() {
    byte[] environ = "PATH=/bin\0DB_PASSWORD=hunter2\0LANG=C\0".getBytes(StandardCharsets.UTF_8);
    assertEquals("PATH=/bin\nDB_PASSWORD=<redacted>\nLANG=C\n", Redaction.environment(environ));
    assertEquals("", Redaction.environment(new byte[0]));
  }

  @Test
  void textIsRedactedLineByLineAndKeepsTabsAndNewlines() {
    String pmap = "4242:   /srv/app --password=hunter2 postgres://u:p@db/x\n"
        + "Address Kbytes\tRSS\n\u001b[31mred\r\n";
    assertEquals("4242:   /srv/app --password=<redacted> postgres://<redacted>@db/x\n"
        + "Address Kbytes\tRSS\n\\x1b[31mred\\r\n", Redaction.text(pmap));
  }

  @Test
  void controlCharactersAreEscaped() {
    assertEquals("a\\nb\\rc\\x1b[31md\\x09e\\x7f\\x9b\\x00", Printable.line("a\nb\rc\u001b[31md\te\u007f\u009b\0"));
    assertEquals("a\nb\td\\x1b", Printable.text("a\nb\td\u001b"));
    assertEquals("{\"a\":\"\\u007f\\u009b\"}", Printable.json("{\"a\":\"\u007f\u009b\"}"));
    String plain = "nf_conntrack: table full, dropping packet — café";
    assertEquals(plain, Printable.line(plain));
  }

  @Test
  void secretLookingNames() {
    for (String name : new String[] {"GITHUB_PAT", "API_CREDS", "x-auth-token", "Passwd", "SECRET", "db.pwd"}) {
      assertTrue(Redaction.isSecretName(name), name);
    }
    for (String name : new String[] {"PATH", "PWD", "OLDPWD", "LANG", "port", "PATTERN", "SPATIAL"}) {
      assertFalse(Redaction.isSecretName(name), name);
    }
  }

  /** Before: quadratic on runs of letters (10,000 ≈ 3 s, 40,000 ≈ 46 s). Now every pass is linear. */
  @Test
  void longHostileInputsAreLinear() {
    String[] inputs = {
        "a".repeat(1_000_000),
        "a".repeat(500_000) + "://" + "b".repeat(500_000),
        "x://".repeat(250_000),
        "x://u:p@".repeat(125_000),
        "--password ".repeat(100_000),
        "-" + "a".repeat(1_000_000) + "=v",
        "A_".repeat(500_000) + "=v",
        "@".repeat(1_000_000),
        "\u001b".repeat(1_000_000)};
    for (String in : inputs) {
      long start = System.nanoTime();
      String out = Redaction.commandLine(in);
      Redaction.text(in);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 2_000, in.substring(0, 20) + "… took " + ms + " ms");
      assertTrue(out.length() <= Redaction.MAX_LINE + 10, "bounded: " + out.length());
    }
  }
}
