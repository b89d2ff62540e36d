package dev.medic.engine.runbook;

import dev.medic.actions.Action;
import dev.medic.actions.ActionRegistry;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.facts.FactType;
import dev.medic.engine.facts.FieldKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Loads runbook YAML files into {@link Runbook}s, checking everything that can be checked before a rule runs:
 * unknown keys, unknown fact types and fields, wrong units, unknown actions and bad parameters, duplicate ids.
 * All problems of all files are collected and reported together.
 */
public final class RunbookLoader {

  static final List<String> TOP_KEYS = List.of(
      "id", "title", "severity", "enabled", "when", "target", "steps", "remediate", "guards", "mode", "summary",
      "advice");
  static final List<String> TRIGGER_KEYS = List.of("fact", "where", "for");
  static final List<String> GUARD_KEYS = List.of("cooldown");
  static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(10);
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)\\s*(>=|<=|==|!=|>|<)\\s*(.+?)\\s*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  static final List<String> TEMPLATE_NAMES = List.of(
      "runbook.id", "scope", "process.pid", "process.comm", "process.cmdline", "process.rss", "process.pss",
      "process.uss", "process.swap", "process.oomScore", "process.memoryCgroup");

  private final ActionRegistry actions;

  public RunbookLoader(ActionRegistry actions) {
    this.actions = actions;
  }

  /** Loads every {@code .yaml}/{@code .yml} file in the given files and folders (folders recursively, sorted). */
  public List<Runbook> loadAll(List<Path> paths) throws RunbookException {
    List<Problem> problems = new ArrayList<>();
    List<Runbook> runbooks = new ArrayList<>();
    Map<String, Runbook> byId = new HashMap<>();
    for (Path file : runbookFiles(paths, problems)) {
      load(file, problems).ifPresent(rb -> {
        Runbook first = byId.putIfAbsent(rb.id(), rb);
        if (first != null) {
          problems.add(new Problem(rb.position(),
              "runbook id '" + rb.id() + "' is already used by " + first.position()));
        } else {
          runbooks.add(rb);
        }
      });
    }
    if (!problems.isEmpty()) {
      throw new RunbookException(problems);
    }
    return runbooks;
  }

  /** The runbook files named by the paths, sorted, so runbooks load in the same order everywhere. */
  public static List<Path> runbookFiles(List<Path> paths, List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          problems.add(new Problem(new Position(p.toString(), 1, 1), "cannot list the folder: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        problems.add(new Problem(new Position(p.toString(), 1, 1), "no such file or folder"));
      }
    }
    return files;
  }

  /** Loads one file, adding its problems to {@code problems}; empty when it has any. */
  public Optional<Runbook> load(Path file, List<Problem> problems) {
    int before = problems.size();
    YamlTree yaml = new YamlTree(file.toString(), problems);
    Optional<Runbook> runbook = yaml.parse(file).flatMap(root -> read(yaml, root));
    return problems.size() == before ? runbook : Optional.empty();
  }

  private Optional<Runbook> read(YamlTree yaml, Node root) {
    Optional<Map<String, NodeTuple>> top = yaml.mapping(root, "a runbook");
    if (top.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> map = top.get();
    yaml.onlyKeys(map, TOP_KEYS, "the runbook");
    String id = required(yaml, map, "id", root).map(idNode -> {
      String v = yaml.scalar(idNode, "id").orElse("");
      if (!ID.matcher(v).matches()) {
        yaml.problem(idNode, "id '" + v + "' must be lower-case letters, digits and '-', starting with a letter");
      }
      return v;
    }).orElse("");
    String title = text(yaml, map, "title").orElse(id);
    Severity severity = text(yaml, map, "severity").flatMap(s -> severity(yaml, map.get("severity"), s))
        .orElse(Severity.WARNING);
    boolean enabled = text(yaml, map, "enabled").map(s -> flag(yaml, map.get("enabled"), s)).orElse(true);
    List<Trigger> triggers = required(yaml, map, "when", root).map(w -> triggers(yaml, w)).orElse(List.of());
    TargetBinding target = text(yaml, map, "target").flatMap(t -> {
      Optional<TargetBinding> b = TargetBinding.of(t);
      if (b.isEmpty()) {
        List<String> known = Stream.of(TargetBinding.values()).map(TargetBinding::keyword).toList();
        yaml.problem(map.get("target").getValueNode(),
            "unknown target '" + t + "'" + DidYouMean.hint(t, known) + "; known: " + String.join(", ", known));
      }
      return b;
    }).orElse(TargetBinding.TOP_PROCESS_BY_PSS);
    List<ActionStep> steps = actionList(yaml, map.get("steps"), false);
    List<ActionStep> remediate = actionList(yaml, map.get("remediate"), true);
    Duration cooldown = guards(yaml, map.get("guards"));
    Optional<String> mode = text(yaml, map, "mode");
    mode.filter(m -> !m.equals("advise") && !m.equals("enforce"))
        .ifPresent(m -> yaml.problem(map.get("mode").getValueNode(), "mode must be advise or enforce, not '" + m + "'"));
    String summary = template(yaml, map, "summary").orElse("{{runbook.id}}: {{process.comm}} ({{process.pid}}) in {{scope}}");
    String advice = template(yaml, map, "advice").orElse("");
    return Optional.of(new Runbook(id, title, severity, enabled, triggers, target, steps, remediate, cooldown,
        mode, summary, advice, yaml.at(root)));
  }

  private Optional<Node> required(YamlTree yaml, Map<String, NodeTuple> map, String key, Node parent) {
    NodeTuple t = map.get(key);
    if (t == null) {
      yaml.problem(parent, "missing '" + key + "'");
      return Optional.empty();
    }
    return Optional.of(t.getValueNode());
  }

  private Optional<String> text(YamlTree yaml, Map<String, NodeTuple> map, String key) {
    NodeTuple t = map.get(key);
    return t == null ? Optional.empty() : yaml.scalar(t.getValueNode(), key);
  }

  private Optional<Severity> severity(YamlTree yaml, NodeTuple t, String s) {
    try {
      return Optional.of(Severity.valueOf(s.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      yaml.problem(t.getValueNode(), "severity must be info, warning or critical, not '" + s + "'");
      return Optional.empty();
    }
  }

  private boolean flag(YamlTree yaml, NodeTuple t, String s) {
    if (!s.equals("true") && !s.equals("false")) {
      yaml.problem(t.getValueNode(), "expected true or false, not '" + s + "'");
    }
    return !s.equals("false");
  }

  /** {@code when:} is one trigger mapping, or {@code any:} with a list of them. */
  private List<Trigger> triggers(YamlTree yaml, Node when) {
    Optional<Map<String, NodeTuple>> map = yaml.mapping(when, "'when'");
    if (map.isEmpty()) {
      return List.of();
    }
    if (!map.get().containsKey("any")) {
      return trigger(yaml, when).map(List::of).orElse(List.of());
    }
    yaml.onlyKeys(map.get(), List.of("any"), "'when' (use either 'any:' or one trigger)");
    List<Trigger> out = new ArrayList<>();
    for (Node n : yaml.list(map.get().get("any").getValueNode())) {
      trigger(yaml, n).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Trigger> trigger(YamlTree yaml, Node node) {
    Optional<Map<String, NodeTuple>> map = yaml.mapping(node, "a trigger");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    yaml.onlyKeys(map.get(), TRIGGER_KEYS, "a trigger");
    Optional<FactType> type = required(yaml, map.get(), "fact", node).flatMap(f -> {
      String name = yaml.scalar(f, "fact").orElse("");
      Optional<FactType> t = FactCatalog.find(name);
      if (t.isEmpty()) {
        yaml.problem(f, "unknown fact '" + name + "'" + DidYouMean.hint(name, FactCatalog.all().keySet())
            + "; known: " + String.join(", ", FactCatalog.all().keySet()));
      }
      return t;
    });
    List<Comparison> where = new ArrayList<>();
    NodeTuple w = map.get().get("where");
    if (w != null && type.isPresent()) {
      for (Node c : yaml.list(w.getValueNode())) {
        yaml.scalar(c, "a condition").flatMap(s -> comparison(yaml, c, type.get(), s)).ifPresent(where::add);
      }
    }
    Duration sustained = Optional.ofNullable(map.get().get("for"))
        .flatMap(f -> duration(yaml, f.getValueNode())).orElse(Duration.ZERO);
    return type.map(t -> new Trigger(t.name(), where, sustained, yaml.at(node)));
  }

  private Optional<Comparison> comparison(YamlTree yaml, Node node, FactType type, String text) {
    Matcher m = CONDITION.matcher(text);
    if (!m.matches()) {
      yaml.problem(node, "'" + text + "' is not a condition; write <field> <op> <value>, e.g. usagePercent >= 90%");
      return Optional.empty();
    }
    String field = m.group(1);
    FieldKind kind = type.fields().get(field);
    if (kind == null) {
      yaml.problem(node, "'" + type.name() + "' has no field '" + field + "'"
          + DidYouMean.hint(field, type.fields().keySet()));
      return Optional.empty();
    }
    Operator op = Operator.of(m.group(2)).orElseThrow();
    try {
      Object value = Values.forField(kind, m.group(3), op);
      return Optional.of(new Comparison(field, op, value, m.group(3), yaml.at(node)));
    } catch (IllegalArgumentException e) {
      yaml.problem(node, field + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<Duration> duration(YamlTree yaml, Node node) {
    return yaml.scalar(node, "a duration").flatMap(s -> {
      try {
        return Optional.of(Values.duration(s));
      } catch (IllegalArgumentException e) {
        yaml.problem(node, e.getMessage());
        return Optional.empty();
      }
    });
  }

  private Duration guards(YamlTree yaml, NodeTuple t) {
    if (t == null) {
      return DEFAULT_COOLDOWN;
    }
    Optional<Map<String, NodeTuple>> map = yaml.mapping(t.getValueNode(), "'guards'");
    map.ifPresent(m -> yaml.onlyKeys(m, GUARD_KEYS, "'guards'"));
    return map.map(m -> m.get("cooldown")).flatMap(c -> duration(yaml, c.getValueNode())).orElse(DEFAULT_COOLDOWN);
  }

  /** Steps are {@code - name} or {@code - name: {param: value}}. */
  private List<ActionStep> actionList(YamlTree yaml, NodeTuple t, boolean remediation) {
    if (t == null) {
      return List.of();
    }
    List<ActionStep> out = new ArrayList<>();
    for (Node n : yaml.list(t.getValueNode())) {
      actionStep(yaml, n, remediation).ifPresent(out::add);
    }
    return out;
  }

  private Optional<ActionStep> actionStep(YamlTree yaml, Node n, boolean remediation) {
    String name;
    Map<String, String> params = new LinkedHashMap<>();
    if (n instanceof ScalarNode s) {
      name = s.getValue();
    } else {
      Optional<Map<String, NodeTuple>> m = yaml.mapping(n, "an action");
      if (m.isEmpty() || m.get().size() != 1) {
        m.ifPresent(x -> yaml.problem(n, "an action is written '- name' or '- name: {param: value}'"));
        return Optional.empty();
      }
      NodeTuple only = m.get().values().iterator().next();
      name = ((ScalarNode) only.getKeyNode()).getValue();
      if (!(only.getValueNode() instanceof ScalarNode s && s.getValue().isEmpty())) {
        yaml.mapping(only.getValueNode(), "the parameters of " + name).ifPresent(pm -> pm.forEach(
            (k, v) -> yaml.scalar(v.getValueNode(), k).ifPresent(val -> params.put(k, val))));
      }
    }
    Optional<Action> action = actions.find(name);
    if (action.isEmpty()) {
      yaml.problem(n, "unknown action '" + name + "'" + DidYouMean.hint(name, actions.names())
          + "; known: " + String.join(", ", actions.names()));
      return Optional.empty();
    }
    if (!remediation && action.get().changesHost()) {
      yaml.problem(n, "'" + name + "' changes the host: list it under 'remediate', not 'steps'");
    }
    action.get().validate(params).forEach(msg -> yaml.problem(n, name + ": " + msg));
    return Optional.of(new ActionStep(name, Map.copyOf(params), yaml.at(n)));
  }

  private Optional<String> template(YamlTree yaml, Map<String, NodeTuple> map, String key) {
    Optional<String> text = text(yaml, map, key);
    text.ifPresent(s -> {
      Matcher m = PLACEHOLDER.matcher(s);
      while (m.find()) {
        String name = m.group(1);
        if (!TEMPLATE_NAMES.contains(name) && !name.startsWith("fact.")) {
          yaml.problem(map.get(key).getValueNode(), "unknown placeholder {{" + name + "}}"
              + DidYouMean.hint(name, TEMPLATE_NAMES) + "; known: " + String.join(", ", TEMPLATE_NAMES)
              + ", fact.<field>");
        }
      }
    });
    return text;
  }
}
