package dev.medic.engine.runbook;

import dev.medic.probes.internal.DidYouMean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML file into SnakeYAML's node tree, which keeps the line and column of every key and value, and
 * offers typed accessors that report problems at those positions instead of throwing. Jackson's data binding
 * would lose the positions of values, which is why runbooks (and the runbook pack's test files) are read this way.
 */
public final class YamlTree {

  private final String file;
  private final List<Problem> problems;

  public YamlTree(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Parses a runbook file; a syntax error becomes one problem at the place the parser stopped. */
  Optional<Node> parse(Path path) {
    return parse(path, "a runbook starts with 'id:'");
  }

  /**
   * Parses the file through {@link StrictYaml} (a regular file, bounded in size, aliases and depth); {@code
   * emptyHint} tells what an empty file should have held.
   */
  public Optional<Node> parse(Path path, String emptyHint) {
    int before = problems.size();
    Optional<Node> root = StrictYaml.read(path, problems).flatMap(bytes -> StrictYaml.compose(file, bytes, problems));
    if (root.isEmpty() && problems.size() == before) {
      problems.add(new Problem(new Position(file, 1, 1), "the file is empty; " + emptyHint));
    }
    return root;
  }

  public Position at(Node node) {
    return position(node.getStartMark());
  }

  private Position position(Mark mark) {
    return StrictYaml.position(file, mark);
  }

  public void problem(Position at, String message) {
    problems.add(new Problem(at, message));
  }

  public void problem(Node node, String message) {
    problems.add(new Problem(at(node), message));
  }

  /** A mapping whose keys must all be {@code allowed}; others are reported (with a did-you-mean hint). */
  public Optional<Map<String, NodeTuple>> mapping(Node node, String what, List<String> allowed) {
    Optional<Map<String, NodeTuple>> map = mapping(node, what);
    map.ifPresent(m -> onlyKeys(m, allowed, what));
    return map;
  }

  /** The entries of a mapping with their key nodes; duplicate keys are reported at the second one. */
  public Optional<Map<String, NodeTuple>> mapping(Node node, String what) {
    if (!(node instanceof MappingNode m)) {
      problem(node, what + " must be a mapping of keys to values");
      return Optional.empty();
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problem(t.getKeyNode(), "keys in " + what + " must be plain words");
        continue;
      }
      if (out.putIfAbsent(key.getValue(), t) != null) {
        problem(key, "'" + Echo.of(key.getValue()) + "' is given twice in " + what + "; a key may appear only once");
      }
    }
    return Optional.of(out);
  }

  /** Reports every key of the mapping that is not allowed, with a did-you-mean hint. */
  public void onlyKeys(Map<String, NodeTuple> map, List<String> allowed, String where) {
    for (NodeTuple t : map.values()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      if (!allowed.contains(key)) {
        problem(t.getKeyNode(), "unknown key '" + key + "' in " + where + DidYouMean.hint(key, allowed)
            + "; allowed: " + String.join(", ", allowed));
      }
    }
  }

  public Optional<String> scalar(Node node, String what) {
    if (node instanceof ScalarNode s) {
      return Optional.of(s.getValue());
    }
    problem(node, what + " must be a single value, not a " + (node instanceof MappingNode ? "mapping" : "list"));
    return Optional.empty();
  }

  /**
   * A boolean: a plain (unquoted) {@code true} or {@code false}. {@code 1}, {@code yes}, {@code on} and
   * {@code "TRUE"} are errors naming the key, so a setting cannot be switched on by a value that only looks true.
   */
  public Optional<Boolean> flag(Node node, String key) {
    if (node instanceof ScalarNode s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
        && (s.getValue().equals("true") || s.getValue().equals("false"))) {
      return Optional.of(Boolean.valueOf(s.getValue()));
    }
    String shown = node instanceof ScalarNode s ? (s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
        ? "'" + Echo.of(s.getValue()) + "'" : "the quoted text '" + Echo.of(s.getValue()) + "'")
        : node instanceof MappingNode ? "a mapping" : "a list";
    problem(node, "'" + key + "': expected true or false, not " + shown);
    return Optional.empty();
  }

  /** A list of nodes; a single scalar or mapping counts as a list of one, which is what authors expect. */
  public List<Node> list(Node node) {
    return node instanceof SequenceNode s ? s.getValue() : new ArrayList<>(List.of(node));
  }

  /** A list, strictly: anything else is reported and reads as empty. */
  public List<Node> sequence(Node node, String what) {
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    problem(node, what + " must be a list ('- item' lines, or [] for none)");
    return List.of();
  }

  /** The value of a key that must be there; its absence is reported at {@code parent}. */
  public Optional<Node> required(Map<String, NodeTuple> map, String key, Node parent) {
    NodeTuple t = map.get(key);
    if (t == null) {
      problem(parent, "missing '" + key + "'");
      return Optional.empty();
    }
    return Optional.of(t.getValueNode());
  }
}
