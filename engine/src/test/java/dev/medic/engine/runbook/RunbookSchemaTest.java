package dev.medic.engine.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.medic.actions.ActionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/runbook.schema.json} is what {@link RunbookSchema} generates (update it with
 * {@code -Dmedic.golden.update=true}), and it accepts every shipped runbook and refuses typical mistakes.
 */
class RunbookSchemaTest {

  private static final Path PUBLISHED = Path.of("../docs/runbook.schema.json");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonSchema schema() {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(RunbookSchema.generate(ActionRegistry.builtin()));
  }

  @Test
  void thePublishedSchemaIsTheGeneratedOne() throws Exception {
    String generated = RunbookSchema.generate(ActionRegistry.builtin());
    if (Boolean.getBoolean("medic.golden.update")) {
      Files.writeString(PUBLISHED, generated);
    }
    assertTrue(Files.exists(PUBLISHED), PUBLISHED + " is missing; write it with -Dmedic.golden.update=true");
    assertEquals(Files.readString(PUBLISHED), generated, "regenerate with -Dmedic.golden.update=true");
  }

  @Test
  void everyShippedRunbookIsValidAgainstTheSchema() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("../runbooks"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      Set<ValidationMessage> errors = schema().validate(YAML.readTree(f.toFile()));
      assertEquals(Set.of(), errors, f.toString());
    }
  }

  @Test
  void typicalMistakesAreCaughtByTheSchema() throws Exception {
    for (String bad : List.of(
        "id: x\nwhen: {fact: cgroupp}\n",                                   // unknown fact
        "id: x\nwhen: {fact: cgroup, where: 'usagePercnt >= 90%'}\n",        // unknown field for that fact
        "id: x\nwhen: {fact: cgroup}\nsteps: [capture_pmapp]\n",             // unknown action
        "id: x\nwhen: {fact: cgroup}\nsteps: [capture_top: {cout: 5}]\n",      // unknown action parameter
        "id: x\nwhen: {fact: cgroup, for: 5 minutes}\n",                     // bad duration
        "id: x\ntitel: y\nwhen: {fact: cgroup}\n")) {                        // unknown key
      JsonNode doc = YAML.readTree(bad);
      assertTrue(!schema().validate(doc).isEmpty(), "schema accepted: " + bad);
    }
  }
}
