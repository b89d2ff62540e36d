package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.actions.ActionRegistry;
import dev.medic.simulator.RunbookTestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped runbook pack passes its own tests, the way CI runs them ({@code medic test runbooks}), and every
 * runbook ships with at least two cases: one where it acts and one where it must stay silent.
 */
class RunbookPackTest {

  static final Path PACK = Path.of("../runbooks");

  @Test
  void theShippedPackPassesItsTests() throws Exception {
    CliRun r = CliRun.of("test", "--json", PACK.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals(0, root.get("failed").asInt(), r.out());
    Map<String, Integer> cases = new TreeMap<>();
    root.get("cases").forEach(c -> cases.merge(c.get("runbook").asText(), 1, Integer::sum));
    List<String> ids = ValidateCommandTest.shippedIds();
    assertEquals(ids, List.copyOf(cases.keySet()), "every runbook is tested, and only those");
    cases.forEach((id, n) -> assertTrue(n >= 2, id + " has " + n + " case(s); a runbook needs at least two"));
    assertTrue(ids.size() >= 9, "the pack has " + ids.size() + " runbooks");
    assertTrue(root.get("passed").asInt() >= 25, root.get("passed") + " cases");
  }

  @Test
  void everyRunbookHasACaseWhereItActsAndOneWhereItStaysSilent() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(PACK.resolve("tests"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path f : files) {
      RunbookTestFile t = RunbookTestFile.read(f, ActionRegistry.builtin());
      assertTrue(t.cases().stream().anyMatch(c -> !c.expect().isEmpty()), f + ": no case where the runbook acts");
      assertTrue(t.cases().stream().anyMatch(c -> c.expect().isEmpty()), f + ": no case where it stays silent");
    }
  }

  @Test
  void eachRunbookDecidesTheSameWithTheWholePackLoaded() {
    // runbooks share one rule session, where a fact type lives as long as the longest window of any runbook needs
    CliRun r = CliRun.of("test", "--together", PACK.toString());
    assertEquals(MedicCli.OK, r.code(), r.toString());
  }
}
