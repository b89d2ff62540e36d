package dev.medic.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link EnvironmentRedactor}. */
class EnvironmentRedactorTest {

  static Stream<Arguments> entries() {
    return Stream.of(
        // name, environ entry, expected line
        Arguments.of("plain path kept", "PATH=/usr/bin:/bin", "PATH=/usr/bin:/bin"),
        Arguments.of("PWD is not a password", "PWD=/srv/app", "PWD=/srv/app"),
        Arguments.of("password key", "DB_PASSWORD=hunter2", "DB_PASSWORD=<redacted>"),
        Arguments.of("key match ignores case", "db_password=hunter2", "db_password=<redacted>"),
        Arguments.of("passwd", "LDAP_PASSWD=x", "LDAP_PASSWD=<redacted>"),
        Arguments.of("token", "API_TOKEN=x", "API_TOKEN=<redacted>"),
        Arguments.of("secret", "AWS_SECRET_ACCESS_KEY=abc/def", "AWS_SECRET_ACCESS_KEY=<redacted>"),
        Arguments.of("key", "STRIPE_KEY=sk_live", "STRIPE_KEY=<redacted>"),
        Arguments.of("credential", "GCP_CREDENTIALS=/k.json", "GCP_CREDENTIALS=<redacted>"),
        Arguments.of("MYSQL_PWD by exact name", "MYSQL_PWD=x", "MYSQL_PWD=<redacted>"),
        Arguments.of("auth", "SSH_AUTH_SOCK=/tmp/agent", "SSH_AUTH_SOCK=<redacted>"),
        Arguments.of("private", "PRIVATE_REGISTRY=r", "PRIVATE_REGISTRY=<redacted>"),
        Arguments.of("session", "XDG_SESSION_ID=3", "XDG_SESSION_ID=<redacted>"),
        Arguments.of("cookie", "COOKIE_JAR=c", "COOKIE_JAR=<redacted>"),
        Arguments.of("signature", "WEBHOOK_SIGNATURE=s", "WEBHOOK_SIGNATURE=<redacted>"),
        Arguments.of("dsn", "SENTRY_DSN=https://abc@o1.ingest.sentry.io/1", "SENTRY_DSN=<redacted>"),
        Arguments.of("url userinfo", "DATABASE_URL=postgres://app:hunter2@db.internal:5432/app",
            "DATABASE_URL=postgres://<redacted>@db.internal:5432/app"),
        Arguments.of("password with @ and /", "CACHE=redis://:p@ss/w+rd@cache:6379/0",
            "CACHE=redis://<redacted>@cache:6379/0"),
        Arguments.of("user only", "REPO=ssh://git@github.com/x.git", "REPO=ssh://<redacted>@github.com/x.git"),
        Arguments.of("two urls", "UPSTREAMS=http://a:b@h1,http://c:d@h2 amqp://u:v@mq",
            "UPSTREAMS=http://<redacted>@h1,http://<redacted>@h2 amqp://<redacted>@mq"),
        Arguments.of("@ in query is not userinfo", "HOME_PAGE=https://example.com/?mail=a@b.c",
            "HOME_PAGE=https://example.com/?mail=a@b.c"),
        Arguments.of("url without userinfo", "MIRROR=https://deb.debian.org/d", "MIRROR=https://deb.debian.org/d"),
        Arguments.of("empty value", "EMPTY=", "EMPTY="),
        Arguments.of("no equals sign", "ODD", "ODD"),
        Arguments.of("value with =", "OPTS=-Da=b -Dc=d", "OPTS=-Da=b -Dc=d"),
        Arguments.of("newline cannot forge a line", "GREETING=hi\nDB_PASSWORD=fake", "GREETING=hi\\nDB_PASSWORD=fake"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void redact_oneEntry(String name, String entry, String expected) {
    assertEquals(expected + "\n", EnvironmentRedactor.redact(entry.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void redact_splitsOnNulAndSkipsTheTrailingOne() {
    byte[] environ = "PATH=/bin\0DB_PASSWORD=hunter2\0LANG=C\0".getBytes(StandardCharsets.UTF_8);

    String text = EnvironmentRedactor.redact(environ);

    assertEquals("PATH=/bin\nDB_PASSWORD=<redacted>\nLANG=C\n", text);
    assertFalse(text.contains("hunter2"));
  }

  @Test
  void redact_emptyEnvironment() {
    assertEquals("", EnvironmentRedactor.redact(new byte[0]));
  }

  @Test
  void redactUrlUserinfo_inACommandLine() {
    assertEquals("psql postgres://<redacted>@db/x -c select",
        EnvironmentRedactor.redactUrlUserinfo("psql postgres://app:hunter2@db/x -c select"));
  }
}
