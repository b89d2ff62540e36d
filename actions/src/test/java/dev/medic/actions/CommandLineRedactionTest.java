package dev.medic.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets passed as command-line arguments are hidden before a command line is journalled or captured. */
class CommandLineRedactionTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "java -jar app.jar --port=8080 | java -jar app.jar --port=8080",
      "app --password=hunter2 --verbose | app --password=<redacted> --verbose",
      "app --db-password hunter2 -v | app --db-password <redacted> -v",
      "app -token:abc123 | app -token:<redacted>",
      "app --api-key sk-123 --keep | app --api-key <redacted> --keep",
      "app --secret | app --secret",
      "app --token --next | app --token --next",
      "psql postgres://admin:hunter2@db/x | psql postgres://<redacted>@db/x",
      "nginx: master process /usr/sbin/nginx | nginx: master process /usr/sbin/nginx"})
  void secretsAreRedacted(String in, String out) {
    assertEquals(out, EnvironmentRedactor.redactCommandLine(in));
  }
}
