package dev.medic.engine.runbook;

import dev.medic.probes.internal.DidYouMean;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * The one YAML reader for everything Medic is told to read (runbooks, their test files, {@code medic.yaml}): the
 * file must be a regular file of at most {@link InputFile#MAX_YAML_BYTES}; aliases, nesting depth and size are
 * capped ({@link #loaderOptions()}); a self-referencing alias is refused before anything walks the tree; duplicate
 * keys are errors; a boolean is {@code true} or {@code false} and nothing else. Whatever goes wrong becomes
 * {@link Problem}s ({@code file:line:column: message}, one bounded line each) with no parser or class name in
 * them, so a hostile file gives a clear line instead of a stack trace, a hang or an out-of-memory.
 */
public final class StrictYaml {

  /** The deepest a document may nest mappings and lists; runbooks need under 10. */
  public static final int MAX_DEPTH = 64;
  /** The most aliases of a mapping or list one document may hold. */
  public static final int MAX_ALIASES = 10;
  /** The most nodes a walk of a document may meet (aliases counted each time they are met). */
  public static final int MAX_NODES = 100_000;

  private StrictYaml() {}

  /** The parser's limits: no duplicate keys, few aliases, bounded nesting and size. */
  public static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(InputFile.MAX_YAML_BYTES);
    return options;
  }

  /** Jackson's YAML factory with the same limits, for data binding ({@code medic.yaml}). */
  public static YAMLFactory factory() {
    return YAMLFactory.builder().loaderOptions(loaderOptions())
        .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS) // yes, on, y: text, not true
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
            .maxStringLength(InputFile.MAX_YAML_BYTES).build())
        .build();
  }

  /**
   * A data-binding mapper over {@link #factory()}: unknown keys and duplicate keys are errors, and booleans,
   * whole numbers and text are not converted into each other ({@code approved: 1}, {@code yes} or {@code "TRUE"}
   * are errors, not {@code true}).
   */
  public static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper(factory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.String, CoercionInputShape.EmptyString)) {
      mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(shape, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** YAML that cannot be used: every problem found, each one line with its position. */
  public static final class Invalid extends Exception {
    private final List<Problem> problems;

    public Invalid(List<Problem> problems) {
      super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /**
   * Reads a file into {@code type} (a record or bean whose properties are the allowed keys). Anchors and aliases
   * are refused: a settings file has no use for them and an alias reads as its anchor's name in data binding.
   */
  public static <T> T bind(Path file, Class<T> type) throws Invalid {
    String name = file.toString();
    List<Problem> problems = new ArrayList<>();
    Optional<byte[]> bytes = read(file, problems);
    if (bytes.isEmpty()) {
      throw new Invalid(problems);
    }
    Optional<Node> root = compose(name, bytes.get(), problems);
    root.ifPresent(r -> settingsChecks(name, r, problems, Collections.newSetFromMap(new IdentityHashMap<>())));
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    if (root.isEmpty()) {
      return null;
    }
    try {
      return mapper().readValue(bytes.get(), type);
    } catch (JsonProcessingException e) {
      Optional<Node> at = e instanceof JsonMappingException m ? find(root.get(), m.getPath(),
          e instanceof UnrecognizedPropertyException) : Optional.empty();
      throw new Invalid(List.of(new Problem(at.map(n -> position(name, n.getStartMark()))
          .orElse(position(name, e.getLocation())), message(e))));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new Invalid(List.of(new Problem(new Position(name, 1, 1), "YAML: " + describe(e))));
    }
  }

  /**
   * Where in the file a problem found after binding stands: the value of the top-level key the message starts
   * with, else the first value the message quotes, else the start of the file.
   */
  public static Problem locate(Path file, String message) {
    String name = file.toString();
    List<Problem> ignored = new ArrayList<>();
    Optional<Node> root = read(file, ignored).flatMap(b -> compose(name, b, ignored));
    Optional<Node> at = root.filter(MappingNode.class::isInstance).map(MappingNode.class::cast).flatMap(m -> {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && message.startsWith(k.getValue() + " ")) {
          return Optional.of(t.getValueNode());
        }
      }
      int open = message.indexOf('\'');
      int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
      return close < 0 ? Optional.empty() : scalar(m, message.substring(open + 1, close));
    });
    return new Problem(at.map(n -> position(name, n.getStartMark())).orElse(new Position(name, 1, 1)), message);
  }

  /** The file's bytes, or empty with a problem when it is not a regular file or is too large. */
  static Optional<byte[]> read(Path file, List<Problem> problems) {
    try {
      return Optional.of(InputFile.readBounded(file, InputFile.MAX_YAML_BYTES));
    } catch (IOException e) {
      problems.add(new Problem(new Position(file.toString(), 1, 1), InputFile.reason(e)));
      return Optional.empty();
    }
  }

  /**
   * Parses one document into SnakeYAML's node tree (positions kept), refusing a tree whose walk would not end or
   * not end soon: an alias inside its own anchor, nesting past {@link #MAX_DEPTH}, more than {@link #MAX_NODES}
   * nodes. Empty when the file is empty (no problem added) or unusable (problems added).
   */
  public static Optional<Node> compose(String file, byte[] bytes, List<Problem> problems) {
    Node root;
    try {
      root = new Yaml(loaderOptions()).compose(new UnicodeReader(new ByteArrayInputStream(bytes)));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : e.getContext();
      problems.add(new Problem(position(file, mark), "YAML syntax: " + firstLine(what)));
      return Optional.empty();
    } catch (RuntimeException | StackOverflowError e) { // bad encoding, too many aliases, too long
      problems.add(new Problem(new Position(file, 1, 1), "YAML: " + describe(e)));
      return Optional.empty();
    }
    if (root != null && !walkable(file, root, problems)) {
      return Optional.empty();
    }
    return Optional.ofNullable(root);
  }

  private static boolean walkable(String file, Node root, List<Problem> problems) {
    Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());
    int[] budget = {MAX_NODES};
    Optional<Problem> p = walk(file, root, 0, path, budget);
    p.ifPresent(problems::add);
    return p.isEmpty();
  }

  /** Depth-first, with the nodes on the way down, so an alias of an enclosing node is found; no recursion risk. */
  private static Optional<Problem> walk(String file, Node node, int depth, Set<Node> path, int[] budget) {
    if (--budget[0] < 0) {
      return Optional.of(new Problem(position(file, node.getStartMark()),
          "the document expands to more than " + MAX_NODES + " values (aliases counted each time they are used)"));
    }
    if (depth > MAX_DEPTH) {
      return Optional.of(new Problem(position(file, node.getStartMark()),
          "nested deeper than " + MAX_DEPTH + " levels"));
    }
    List<Node> children = children(node);
    if (children.isEmpty()) {
      return Optional.empty();
    }
    if (!path.add(node)) {
      return Optional.of(new Problem(position(file, node.getStartMark()), "an alias refers to a mapping or list "
          + "that contains it, which would never end"));
    }
    for (Node child : children) {
      if (path.contains(child)) {
        return Optional.of(new Problem(position(file, child.getStartMark()), "an alias refers to a mapping or list "
            + "that contains it, which would never end"));
      }
      Optional<Problem> p = walk(file, child, depth + 1, path, budget);
      if (p.isPresent()) {
        return p;
      }
    }
    path.remove(node);
    return Optional.empty();
  }

  private static List<Node> children(Node node) {
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    if (node instanceof MappingNode m) {
      List<Node> out = new ArrayList<>(m.getValue().size() * 2);
      for (NodeTuple t : m.getValue()) {
        out.add(t.getKeyNode());
        out.add(t.getValueNode());
      }
      return out;
    }
    return List.of();
  }

  /**
   * No anchors, no duplicate keys (found here, at the second key, since data binding would keep the last), no
   * {@code True} or {@code TRUE} for a boolean.
   */
  private static void settingsChecks(String file, Node node, List<Problem> problems, Set<Node> seen) {
    if (!seen.add(node)) {
      return;
    }
    if (node.getAnchor() != null) {
      problems.add(new Problem(position(file, node.getStartMark()),
          "anchors and aliases (&" + Echo.of(node.getAnchor()) + ") are not allowed here"));
      return;
    }
    if (node instanceof MappingNode m) {
      Set<String> keys = new java.util.HashSet<>();
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && !keys.add(k.getValue())) {
          problems.add(new Problem(position(file, k.getStartMark()),
              "'" + Echo.of(k.getValue()) + "' is given twice; a key may appear only once"));
        }
        // YAML reads True and TRUE as booleans too; runbooks take only true and false, and so does this
        if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v
            && v.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
            && (v.getValue().equalsIgnoreCase("true") || v.getValue().equalsIgnoreCase("false"))
            && !v.getValue().equals("true") && !v.getValue().equals("false")) {
          problems.add(new Problem(position(file, v.getStartMark()), "'" + Echo.of(k.getValue())
              + "': expected true or false, not '" + v.getValue() + "'"));
        }
      }
    }
    for (Node child : children(node)) {
      settingsChecks(file, child, problems, seen);
    }
  }

  /** The node a binding error's path leads to: the value, or the key itself when the key is the problem. */
  private static Optional<Node> find(Node root, List<JsonMappingException.Reference> path, boolean key) {
    Node at = root;
    for (int i = 0; i < path.size(); i++) {
      JsonMappingException.Reference r = path.get(i);
      Node next = null;
      if (at instanceof MappingNode m && r.getFieldName() != null) {
        for (NodeTuple t : m.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(r.getFieldName())) {
            next = key && i == path.size() - 1 ? k : t.getValueNode();
          }
        }
      } else if (at instanceof SequenceNode s && r.getIndex() >= 0 && r.getIndex() < s.getValue().size()) {
        next = s.getValue().get(r.getIndex());
      }
      if (next == null) {
        return Optional.empty();
      }
      at = next;
    }
    return Optional.of(at);
  }

  private static Optional<Node> scalar(Node node, String value) {
    if (node instanceof ScalarNode s) {
      return s.getValue().equals(value) ? Optional.of(s) : Optional.empty();
    }
    for (Node child : children(node)) {
      Optional<Node> found = scalar(child, value);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** A binding failure as a sentence about the key, without Jackson's class names. */
  private static String message(JsonProcessingException e) {
    String key = e instanceof JsonMappingException m ? key(m) : "";
    String at = key.isEmpty() ? "" : "'" + Echo.of(key) + "': ";
    if (e instanceof UnrecognizedPropertyException u) {
      Set<String> known = new TreeSet<>();
      u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      String parent = key.contains(".") ? " in '" + key.substring(0, key.lastIndexOf('.')) + "'" : "";
      return "unknown setting '" + Echo.of(u.getPropertyName()) + "'" + parent
          + DidYouMean.hint(u.getPropertyName(), known) + "; known: " + String.join(", ", known);
    }
    if (e instanceof StreamConstraintsException) {
      return "nested deeper than " + MAX_DEPTH + " levels, or a value longer than the file may be";
    }
    if (e instanceof JsonMappingException m && m.getPath() != null && !m.getPath().isEmpty()) {
      return at + "expected " + expected(e);
    }
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Duplicate field")) {
      int q = original.indexOf('\'');
      String dup = q < 0 ? "" : original.substring(q + 1, Math.max(q + 1, original.lastIndexOf('\'')));
      return "'" + Echo.of(dup) + "' is given twice; a key may appear only once";
    }
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYAMLException y) {
      return "YAML syntax: " + firstLine(y.getProblem() != null ? y.getProblem() : y.getContext());
    }
    return "YAML: " + firstLine(scrub(original));
  }

  /** What the key's value must be, from the type it binds to. */
  private static String expected(JsonProcessingException e) {
    Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi
        && mi.getTargetType() != null ? mi.getTargetType() : Object.class;
    String value = "";
    if (e.getProcessor() instanceof JsonParser p) {
      try {
        value = p.currentToken() != null && p.currentToken().isScalarValue() ? ", not '" + Echo.of(p.getText()) + "'"
            : "";
      } catch (IOException ignored) {
        // the value is only for the message
      }
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false" + value;
    }
    if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
      return "a whole number" + value;
    }
    if (target == String.class) {
      return "a single value (text)" + value;
    }
    if (List.class.isAssignableFrom(target) || target.isArray()) {
      return "a list" + value;
    }
    if (target.isRecord()) {
      return "a mapping of keys to values" + value;
    }
    return "another kind of value" + value;
  }

  private static String key(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String describe(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "nested too deeply";
    }
    String m = e.getMessage() == null ? "unreadable" : e.getMessage();
    return firstLine(scrub(m));
  }

  /** Drops the Java class names parsers put in their messages. */
  private static String scrub(String message) {
    return message.replaceAll("(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*", "")
        .replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").trim();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int nl = text.indexOf('\n');
    return Echo.of(nl < 0 ? text : text.substring(0, nl));
  }

  static Position position(String file, Mark mark) {
    return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static Position position(String file, JsonLocation at) {
    return at == null || at.getLineNr() < 1 ? new Position(file, 1, 1)
        : new Position(file, at.getLineNr(), Math.max(1, at.getColumnNr()));
  }
}
