package dev.medic.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.medic.checks.CheckConfig;
import dev.medic.checks.CheckRegistry;
import dev.medic.checks.CheckSpec;
import dev.medic.checks.LocatedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code checks:} section of {@code medic.yaml}: the outside checks the agent runs on their intervals and
 * drains into every sweep (see docs/checks.md). Parsed by {@link CheckConfig} from a tree that keeps positions, so
 * a problem names {@code file:line:column} like every other config error.
 *
 * @param specs the checks, in the file's order; empty when the section is absent
 */
public record CheckSettings(List<CheckSpec> specs) {

  public static final CheckSettings NONE = new CheckSettings(List.of());

  public CheckSettings {
    specs = List.copyOf(specs);
  }

  /**
   * The section of {@code file}, whose strict binding already succeeded ({@code section} non-null means the key is
   * there); every problem of the section, one per line, in the exception.
   */
  static CheckSettings load(Path file, JsonNode section) throws MedicConfig.ConfigException {
    if (section == null || section.isNull()) {
      return NONE;
    }
    LocatedTree tree;
    try {
      tree = LocatedTree.readYaml(Files.readString(file));
    } catch (IOException e) { // it was readable and valid YAML a moment ago
      throw new MedicConfig.ConfigException(file + ":1:1: the checks cannot be read: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
    CheckConfig.Result result = CheckConfig.parse(tree.root().get("checks"), file.toString(), tree,
        CheckRegistry.builtin());
    if (!result.ok()) {
      throw new MedicConfig.ConfigException(String.join("\n", result.problems()));
    }
    return new CheckSettings(result.checks());
  }
}
