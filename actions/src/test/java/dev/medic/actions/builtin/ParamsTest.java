package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Params}. */
class ParamsTest {

  @ParameterizedTest
  @CsvSource({"100ms, 100", "1s, 1000", " 2s , 2000", "1m, 60000", "0s, 0"})
  void parseDuration_units(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Params.parseDuration(text));
  }

  @ParameterizedTest
  @CsvSource({"1", "1.5s", "-1s", "1 s", "1h", "s", "9999999999s"})
  void parseDuration_refusesOtherForms(String text) {
    assertNull(Params.parseDuration(text));
  }

  @Test
  void checkDuration_rangeAndSyntax() {
    Duration min = Duration.ofMillis(100);
    Duration max = Duration.ofSeconds(10);
    assertEquals(List.of(), Params.checkDuration(Map.of(), "interval", min, max));
    assertEquals(List.of(), Params.checkDuration(Map.of("interval", "100ms"), "interval", min, max));
    assertEquals(List.of("parameter 'interval' must be from 100ms to 10s, got 11s"),
        Params.checkDuration(Map.of("interval", "11s"), "interval", min, max));
    assertEquals(List.of("parameter 'interval' must be a duration such as 500ms, 2s or 1m, got 'fast'"),
        Params.checkDuration(Map.of("interval", "fast"), "interval", min, max));
  }

  @Test
  void checkInt_requiredOptionalRangeAndSyntax() {
    assertEquals(List.of(), Params.checkInt(Map.of(), "lines", false, 1, 10));
    assertEquals(List.of("parameter 'lines' is required: an integer from 1 to 10"),
        Params.checkInt(Map.of(), "lines", true, 1, 10));
    assertEquals(List.of("parameter 'lines' must be from 1 to 10, got 0"),
        Params.checkInt(Map.of("lines", "0"), "lines", false, 1, 10));
    assertEquals(List.of("parameter 'lines' must be an integer from 1 to 10, got 'a\\nb'"),
        Params.checkInt(Map.of("lines", "a\nb"), "lines", false, 1, 10));
  }

  @Test
  void format_shortestExactUnit() {
    assertEquals("250ms", Params.format(Duration.ofMillis(250)));
    assertEquals("2s", Params.format(Duration.ofSeconds(2)));
    assertEquals("1m", Params.format(Duration.ofSeconds(60)));
    assertEquals("0s", Params.format(Duration.ZERO));
  }
}
