package dev.medic.engine.runbook;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
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

  /** Parses the file; {@code emptyHint} tells what an empty file should have held. */
  public Optional<Node> parse(Path path, String emptyHint) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Node root = new Yaml(options).compose(reader);
      if (root == null) {
        problems.add(new Problem(new Position(file, 1, 1), "the file is empty; " + emptyHint));
      }
      return Optional.ofNullable(root);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(new Problem(position(mark), "YAML syntax: " + what));
    } catch (IOException e) {
      problems.add(new Problem(new Position(file, 1, 1), "cannot read the file: " + e.getMessage()));
    } catch (RuntimeException e) { // SnakeYAML's other errors: bad encoding, alias bombs
      problems.add(new Problem(new Position(file, 1, 1), "YAML: " + e.getMessage()));
    }
    return Optional.empty();
  }

  public Position at(Node node) {
    return position(node.getStartMark());
  }

  private Position position(Mark mark) {
    return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  public void problem(Position at, String message) {
    problems.add(new Problem(at, message));
  }

  public void problem(Node node, String message) {
    problems.add(new Problem(at(node), message));
  }

  /** The entries of a mapping with their key nodes; duplicate keys are reported. */
  /** A mapping whose keys must all be {@code allowed}; others are reported (with a did-you-mean hint). */
  public Optional<Map<String, NodeTuple>> mapping(Node node, String what, List<String> allowed) {
    Optional<Map<String, NodeTuple>> map = mapping(node, what);
    map.ifPresent(m -> onlyKeys(m, allowed, what));
    return map;
  }

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
        problem(key, "'" + key.getValue() + "' is given twice in " + what);
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
