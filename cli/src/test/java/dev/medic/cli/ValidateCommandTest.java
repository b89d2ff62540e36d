package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medic validate}: the shipped runbooks pass, broken ones fail with compiler-style positions. */
class ValidateCommandTest {

  static final Path SHIPPED = Path.of("../runbooks");
  static final Path BAD = Path.of("../engine/src/test/resources/runbooks/bad");
  static final Path BAD_FILE = BAD.resolve("many-problems.yaml");
  static final Pattern PROBLEM = Pattern.compile("(.+):(\\d+):(\\d+): (.+)");

  @TempDir
  Path dir;

  /** The ids of the shipped runbooks, read from their files so a new runbook does not break this test. */
  static List<String> shippedIds() throws IOException {
    try (Stream<Path> files = Files.list(SHIPPED)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
          .map(ValidateCommandTest::id).toList();
    }
  }

  private static String id(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> l.startsWith("id:")).findFirst().orElseThrow()
          .substring(3).trim();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theShippedRunbooksAreValid() throws Exception {
    List<String> ids = shippedIds();
    assertFalse(ids.isEmpty());
    CliRun r = CliRun.of("validate", SHIPPED.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    assertEquals(ids.size() + " runbook(s) OK: " + String.join(", ", ids) + System.lineSeparator(), r.out());
    assertEquals("", r.err());
  }

  @Test
  void problemsPrintAsFileLineColumnAndFailTheCommand() throws Exception {
    CliRun r = CliRun.of("validate", BAD.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    List<String> problems = lines.subList(0, lines.size() - 1);
    assertTrue(problems.size() >= 8, "every problem at once, not just the first:\n" + r);
    int fileLines = Files.readAllLines(BAD_FILE).size();
    for (String line : problems) {
      Matcher m = PROBLEM.matcher(line);
      assertTrue(m.matches(), "not file:line:col: message: " + line);
      assertEquals(BAD_FILE.toString(), m.group(1));
      int ln = Integer.parseInt(m.group(2));
      assertTrue(ln >= 1 && ln <= fileLines && Integer.parseInt(m.group(3)) >= 1, line);
    }
    assertEquals(problems.size() + " problem(s)", lines.get(lines.size() - 1));
    // spot checks against the file: line 2 is "titel: misspelt key", line 5 "    - fact: cgroupp"
    assertTrue(problems.contains(BAD_FILE + ":2:1: unknown key 'titel' in the runbook (did you mean 'title'?); "
        + "allowed: id, title, severity, enabled, tags, when, target, steps, remediate, guards, mode, summary, advice, "
        + "schedule"),
        r.toString());
    assertTrue(problems.stream().anyMatch(l -> l.startsWith(BAD_FILE + ":5:13: unknown fact 'cgroupp'")),
        r.toString());
    assertTrue(problems.stream().anyMatch(l -> l.startsWith(BAD_FILE + ":17:5: set_oom_score_adj: parameter "
        + "'value' must be from -1000 to 1000, got 5000")), r.toString());
  }

  @Test
  void jsonListsTheSameProblemsWithTheirPositions() throws Exception {
    CliRun text = CliRun.of("validate", BAD.toString());
    CliRun r = CliRun.of("validate", "--json", BAD.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertFalse(root.get("ok").asBoolean());
    assertEquals(0, root.get("runbooks").size());
    JsonNode problems = root.get("problems");
    List<String> textProblems = text.out().lines().toList();
    assertEquals(textProblems.size() - 1, problems.size());
    for (int i = 0; i < problems.size(); i++) {
      JsonNode p = problems.get(i);
      assertTrue(p.get("line").isInt() && p.get("column").isInt(), p.toString());
      assertEquals(textProblems.get(i), p.get("file").asText() + ":" + p.get("line").asInt() + ":"
          + p.get("column").asInt() + ": " + p.get("message").asText());
    }
  }

  @Test
  void jsonForValidRunbooksIsOk() throws Exception {
    CliRun r = CliRun.of("validate", "--json", SHIPPED.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertTrue(root.get("ok").asBoolean());
    assertEquals(shippedIds(), new ObjectMapper().convertValue(root.get("runbooks"), List.class));
    assertEquals(0, root.get("problems").size());
  }

  @Test
  void aMissingPathIsAProblemNotACrash() {
    Path missing = dir.resolve("nope.yaml");
    CliRun r = CliRun.of("validate", missing.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertEquals(List.of(missing + ":1:1: no such file or folder", "1 problem(s)"), r.out().lines().toList());
    assertFalse(r.err().contains("\tat "), r.toString());
  }

  @Test
  void aDuplicateIdAcrossFilesIsReported() throws Exception {
    String hog = Files.readString(SHIPPED.resolve("memory-hog.yaml"));
    Path a = Files.writeString(dir.resolve("a.yaml"), hog);
    Path b = Files.writeString(dir.resolve("b.yaml"), hog);
    int idLine = hog.lines().toList().indexOf("id: memory-hog") + 1;
    CliRun r = CliRun.of("validate", dir.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    assertEquals(List.of(b + ":" + idLine + ":1: runbook id 'memory-hog' is already used by " + a + ":" + idLine
        + ":1", "1 problem(s)"), r.out().lines().toList());
  }

  @Test
  void aYamlSyntaxErrorHasItsPosition() throws Exception {
    Path f = Files.writeString(dir.resolve("broken.yaml"), "id: x\nwhen: [unclosed\n");
    CliRun r = CliRun.of("validate", f.toString());
    assertEquals(MedicCli.FAILED, r.code(), r.toString());
    String first = r.out().lines().findFirst().orElseThrow();
    Matcher m = PROBLEM.matcher(first);
    assertTrue(m.matches() && m.group(1).equals(f.toString()), r.toString());
    assertFalse(r.out().contains("\tat ") || r.err().contains("\tat "), r.toString());
  }

  @Test
  void noPathIsAUsageError() {
    CliRun r = CliRun.of("validate");
    assertEquals(MedicCli.USAGE, r.code(), r.toString());
    assertTrue(r.err().startsWith("Missing required parameter: 'PATH'"), r.toString());
  }
}
