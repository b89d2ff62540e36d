package dev.medic.engine.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medic.actions.ActionRegistry;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.language.binding.Targets;
import dev.medic.engine.language.window.Windows;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A JSON Schema (draft 2020-12) for runbooks, generated from the same lists the loader validates against (keys,
 * fact types and fields, actions, targets), so editors autocomplete and check runbooks and the schema cannot
 * drift from the code. Published as {@code docs/runbook.schema.json}; the loader stays the authority (units,
 * bindings and action parameter values are checked only there). Each window kind declares its own keys
 * ({@code WindowSyntax.schema}).
 */
public final class RunbookSchema {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** The comparison operators, as a regular-expression group. */
  public static final String OPS = "(>=|<=|==|!=|>|<)";

  private RunbookSchema() {}

  public static String generate(ActionRegistry actions) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://medic.dev/runbook.schema.json");
    root.put("title", "Medic runbook");
    root.put("description", "One runbook: when to act, on which process, and how. See docs/runbooks.md.");
    root.put("type", "object");
    root.putArray("required").add("id").add("when");
    root.put("additionalProperties", false);
    ObjectNode p = root.putObject("properties");
    p.putObject("id").put("type", "string").put("pattern", "^[a-z][a-z0-9-]{0,63}$");
    p.putObject("title").put("type", "string");
    enumOf(p.putObject("severity"), Arrays.stream(Severity.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    p.putObject("enabled").put("type", "boolean");
    p.putObject("tags").put("type", "array").putObject("items").put("type", "string")
        .put("pattern", "^[a-z0-9][a-z0-9-]{0,31}$");
    p.putObject("when").put("$ref", "#/$defs/condition");
    enumOf(p.putObject("target"), Targets.keywords());
    p.putObject("steps").put("type", "array").putObject("items").put("$ref", "#/$defs/action");
    p.putObject("remediate").put("type", "array").putObject("items").put("$ref", "#/$defs/action");
    guards(p.putObject("guards"));
    enumOf(p.putObject("mode"), List.of("advise", "enforce"));
    p.putObject("summary").put("type", "string");
    p.putObject("advice").put("type", "string");
    p.putObject("schedule").put("type", "string").put("description",
        "a Quartz cron expression in UTC (seconds minutes hours day-of-month month day-of-week), e.g. 0 0 3 * * ?");
    ObjectNode defs = root.putObject("$defs");
    condition(defs);
    match(defs.putObject("match"));
    action(defs.putObject("action"), actions);
    defs.putObject("duration").put("type", "string").put("pattern", "^\\d+(ms|s|m|h|d)$");
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void condition(ObjectNode defs) {
    ArrayNode oneOf = defs.putObject("condition").putArray("oneOf");
    oneOf.addObject().put("$ref", "#/$defs/match");
    for (String combinator : List.of("all", "any")) {
      ObjectNode c = oneOf.addObject().put("type", "object").put("additionalProperties", false);
      c.putArray("required").add(combinator);
      c.putObject("properties").putObject(combinator).put("type", "array").put("minItems", 1)
          .putObject("items").put("$ref", "#/$defs/condition");
    }
    ObjectNode not = oneOf.addObject().put("type", "object").put("additionalProperties", false);
    not.putArray("required").add("not");
    not.putObject("properties").putObject("not").put("$ref", "#/$defs/match");
  }

  /** A match: the fact decides which field names {@code where} and the window kinds' keys may use. */
  private static void match(ObjectNode m) {
    m.put("type", "object").put("additionalProperties", false);
    m.putArray("required").add("fact");
    ObjectNode p = m.putObject("properties");
    enumOf(p.putObject("fact"), List.copyOf(FactCatalog.all().keySet()));
    ObjectNode where = p.putObject("where");
    where.putArray("oneOf").addObject().put("type", "string").put("$comment", "one condition")
        .put("description", "<field> <op> <value>, e.g. usagePercent >= 90%");
    ((ArrayNode) where.get("oneOf")).addObject().put("type", "array").putObject("items").put("type", "string");
    SchemaKeys windows = new SchemaKeys();
    Windows.ALL.forEach(kind -> kind.schema(windows));
    windows.addTo(p);
    p.putObject("as").put("type", "string").put("pattern", "^[a-z][a-zA-Z0-9]{0,30}$");
    ArrayNode perFact = m.putArray("allOf");
    for (FactType type : FactCatalog.all().values()) {
      String fields = String.join("|", type.fields().keySet().stream().sorted().toList());
      ObjectNode rule = perFact.addObject();
      rule.putObject("if").putObject("properties").putObject("fact").put("const", type.name());
      ObjectNode then = rule.putObject("then").putObject("properties");
      String condition = "^\\s*(" + fields + ")(\\s*" + OPS + "\\s*\\S.*|\\s+(in|not\\s+in)\\s*\\[.*\\]\\s*)$";
      ArrayNode whereOf = then.putObject("where").putArray("oneOf");
      whereOf.addObject().put("type", "string").put("pattern", condition);
      whereOf.addObject().put("type", "array").putObject("items").put("type", "string").put("pattern", condition);
      Windows.ALL.forEach(kind -> kind.schema(type, fields, then));
    }
  }

  /** An action: its name alone, or a one-key mapping of its name to its parameters. */
  private static void action(ObjectNode a, ActionRegistry actions) {
    ArrayNode oneOf = a.putArray("oneOf");
    enumOf(oneOf.addObject(), List.copyOf(actions.names()));
    ObjectNode withParams = oneOf.addObject().put("type", "object").put("minProperties", 1).put("maxProperties", 1)
        .put("additionalProperties", false);
    ObjectNode props = withParams.putObject("properties");
    for (String name : actions.names()) {
      ObjectNode params = props.putObject(name).put("type", "object").put("additionalProperties", false)
          .putObject("properties");
      for (String param : new java.util.TreeSet<>(actions.find(name).orElseThrow().parameters())) {
        params.putObject(param).putArray("type").add("string").add("number").add("boolean");
      }
    }
  }

  private static void guards(ObjectNode g) {
    g.put("type", "object").put("additionalProperties", false);
    ObjectNode p = g.putObject("properties");
    p.putObject(RunbookLoader.GUARD_KEYS.get(0)).put("$ref", "#/$defs/duration");
    p.putObject("maxPerHour").put("type", "integer").put("minimum", 1).put("maximum", 9999);
    p.putObject("requireApproval").put("type", "boolean");
    p.putObject("enforceOnly").put("type", "boolean");
    ObjectNode fleet = p.putObject("fleet").put("type", "object").put("additionalProperties", false);
    fleet.putArray("required").add("group");
    com.fasterxml.jackson.databind.node.ArrayNode anyOf = fleet.putArray("anyOf");
    anyOf.addObject().putArray("required").add("maxHosts");
    anyOf.addObject().putArray("required").add("maxSharePerHour");
    ObjectNode fp = fleet.putObject("properties");
    fp.putObject("group").put("type", "string").put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    fp.putObject("maxHosts").put("type", "integer").put("minimum", 1).put("maximum", 9999);
    fp.putObject("maxSharePerHour").putArray("type").add("string").add("number");
  }

  private static void enumOf(ObjectNode node, List<String> values) {
    SchemaKeys.enumOf(node, values);
  }
}
