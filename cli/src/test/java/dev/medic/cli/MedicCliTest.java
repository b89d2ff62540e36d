package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command line's contract: help, version, exit codes, and errors as one line without a stack trace. */
class MedicCliTest {

  @Test
  void helpListsEverySubcommandAndSucceeds() {
    CliRun r = CliRun.of("--help");
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertTrue(r.out().startsWith("Usage: medic "), r.toString());
    for (String sub : List.of("probe", "run", "record", "replay", "validate")) {
      assertTrue(Pattern.compile("(?m)^  " + sub + " +\\S").matcher(r.out()).find(), sub + " missing:\n" + r);
    }
    assertEquals("", r.err());
  }

  @Test
  void helpAsASubcommandShowsThatCommandsUsage() {
    CliRun r = CliRun.of("help", "validate");
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertTrue(r.out().startsWith("Usage: medic validate "), r.toString());
    assertTrue(r.out().contains("--json"), r.toString());
  }

  @Test
  void versionNamesMedicAndSucceeds() {
    CliRun r = CliRun.of("--version");
    assertEquals(MedicCli.OK, r.code(), r.toString());
    // from classes (no jar manifest) the version is "development"
    assertTrue(Pattern.compile("medic \\S+\\R").matcher(r.out()).matches(), r.toString());
    assertEquals("", r.err());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : List.of("probe", "run", "record", "replay", "validate")) {
      CliRun r = CliRun.of(sub, "--help");
      assertEquals(MedicCli.OK, r.code(), r.toString());
      assertTrue(r.out().startsWith("Usage: medic " + sub), r.toString());
    }
  }

  @Test
  void anUnknownSubcommandIsAUsageError() {
    CliRun r = CliRun.of("frobnicate");
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().contains("'frobnicate'"), r.toString());
    assertEquals("", r.out());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    CliRun r = CliRun.of("--frobnicate");
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().startsWith("Unknown option: '--frobnicate'"), r.toString());
    assertEquals("", r.out());
  }

  @Test
  void anUnknownSubcommandOptionIsAUsageError() {
    CliRun r = CliRun.of("probe", "--frobnicate");
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().startsWith("Unknown option: '--frobnicate'"), r.toString());
  }

  @Test
  void aNonNumericOptionValueIsAUsageError() {
    CliRun r = CliRun.of("probe", "--top", "many");
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().contains("'many'"), r.toString());
  }

  @Test
  void runWithABadDurationFailsWithOneClearLine() {
    CliRun r = CliRun.of("run", "--for", "banana");
    assertNotEquals(MedicCli.OK, r.code(), r.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r);
    assertFalse(r.err().contains("Exception"), "no exception class name:\n" + r);
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("medic run: 'banana' is not a duration"), r.toString());
    assertEquals("", r.out());
  }

  @Test
  void recordWithoutAnOutputFileIsAUsageError() {
    CliRun r = CliRun.of("record", "--for", "1s");
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().contains("--out"), r.toString());
  }

  @Test
  void replayWithAnUnknownModeFailsWithOneClearLine() {
    CliRun r = CliRun.of("replay", "--runbooks", "../runbooks", "--mode", "yolo", "no-such-recording.jsonl");
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r);
    assertEquals(List.of("medic replay: mode must be advise or enforce, not 'yolo'"), r.err().lines().toList());
  }
}
