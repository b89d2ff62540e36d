package dev.medic.engine.runbook;

import dev.medic.engine.facts.FactType;
import dev.medic.probes.facts.FieldKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The keys of one condition, as a window kind reads them ({@code WindowSyntax.read}): values converted and
 * checked, problems reported at the value's line and column. A window kind never sees YAML nodes.
 */
public final class WindowKeys {

  private final ConditionReader reader;
  private final YamlTree yaml;
  private final Node node;
  private final Map<String, NodeTuple> map;
  private final FactType type;

  WindowKeys(ConditionReader reader, YamlTree yaml, Node node, Map<String, NodeTuple> map, FactType type) {
    this.reader = reader;
    this.yaml = yaml;
    this.node = node;
    this.map = map;
    this.type = type;
  }

  /** The fact type the condition is about. */
  public FactType type() {
    return type;
  }

  public boolean has(String key) {
    return map.containsKey(key);
  }

  /** A window length ({@code 10m}); zero is refused. */
  public Optional<Duration> duration(String key) {
    return reader.duration(value(key));
  }

  /** A whole number from {@code min} to {@code max}. */
  public Optional<Integer> integer(String key, int min, int max) {
    return reader.integer(value(key), min, max, key);
  }

  /** The value as text; {@code what} names it in the message when it is not a scalar. */
  public Optional<String> text(String key, String what) {
    return yaml.scalar(value(key), what);
  }

  /** The kind of a numeric field of the condition's type; an unknown or non-numeric one is reported at the value. */
  public Optional<FieldKind> numericField(String key, String field) {
    return reader.numericField(value(key), type, field);
  }

  /** Reports a problem at the key's value. */
  public void problem(String key, String message) {
    yaml.problem(value(key), message);
  }

  /** Reports that a key the kind requires is missing, at the condition; always empty. */
  public <T> Optional<T> missing(String key) {
    yaml.problem(node, "missing '" + key + "'");
    return Optional.empty();
  }

  private Node value(String key) {
    return map.get(key).getValueNode();
  }
}
