package dev.medic.engine.runbook;

import dev.medic.probes.internal.DidYouMean;
import dev.medic.actions.Action;
import dev.medic.actions.ActionRegistry;
import dev.medic.engine.facts.FactCatalog;
import dev.medic.engine.language.binding.TargetBinding;
import dev.medic.engine.language.binding.Targets;
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

  public static final List<String> TOP_KEYS = List.of(
      "id", "title", "severity", "enabled", "tags", "when", "target", "steps", "remediate", "guards", "mode",
      "summary", "advice", "schedule");
  public static final List<String> GUARD_KEYS = List.of("cooldown", "maxPerHour", "requireApproval", "enforceOnly",
      "fleet");
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

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

  /**
   * The runbook files named by the paths, sorted, so runbooks load in the same order everywhere. A folder given
   * as a link is walked where the link points (the walk itself follows no link), and a folder without a runbook
   * is a problem: an agent pointed at it would watch nothing and say nothing.
   */
  public static List<Path> runbookFiles(List<Path> paths, List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    if (paths.isEmpty()) {
      problems.add(new Problem(new Position("(runbooks)", 1, 1), "no runbook files or folders given"));
    }
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        int before = files.size();
        try {
          Path dir = Files.isSymbolicLink(p) ? p.toRealPath() : p;
          try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                .filter(f -> !f.getFileName().toString().startsWith("."))
                .filter(f -> !dir.relativize(f).startsWith("tests")) // runbooks/tests/ holds their test cases
                .map(f -> p.resolve(dir.relativize(f)))
                .sorted()
                .forEach(files::add);
          }
          if (files.size() == before) {
            problems.add(new Problem(new Position(p.toString(), 1, 1), "the folder holds no runbook (*.yaml, *.yml)"));
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          problems.add(new Problem(new Position(p.toString(), 1, 1), "cannot list the folder: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try {
          InputFile.requireRegular(p);
        } catch (InputFile.Refused e) {
          problems.add(new Problem(new Position(p.toString(), 1, 1), e.getMessage()));
        }
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
    List<String> tags = tags(yaml, map.get("tags"));
    ConditionReader conditions = new ConditionReader(yaml);
    Optional<Condition> when = required(yaml, map, "when", root).flatMap(conditions::read);
    List<Conjunction> parsed = when.map(Conjunction::of).orElse(List.of());
    parsed.forEach(r -> checkRule(yaml, r));
    Optional<String> schedule = ScheduleKey.read(yaml, map, root, parsed);
    List<Conjunction> rules = schedule.isPresent() ? ScheduleKey.own(id, parsed) : parsed;
    Optional<TargetBinding> target = text(yaml, map, "target").flatMap(t -> {
      Optional<TargetBinding> b = Targets.find(t);
      List<String> known = Targets.keywords();
      if (b.isEmpty()) {
        yaml.problem(map.get("target").getValueNode(),
            "unknown target '" + t + "'" + DidYouMean.hint(t, known) + "; known: " + String.join(", ", known));
      }
      b.ifPresent(binding -> rules.stream().filter(r -> !binding.fits(r.primary().fact())).findFirst().ifPresent(r ->
          yaml.problem(map.get("target").getValueNode(), "target '" + t + "' does not fit a rule whose first "
              + "condition is about '" + r.primary().fact() + "'")));
      return b;
    });
    TemplateNames templates = new TemplateNames(yaml, rules, conditions.aliases);
    List<ActionStep> steps = actionList(yaml, map.get("steps"), false, templates);
    List<ActionStep> remediate = actionList(yaml, map.get("remediate"), true, templates);
    Guards guards = guards(yaml, map.get("guards"), conditions);
    Optional<String> mode = text(yaml, map, "mode");
    mode.filter(m -> !m.equals("advise") && !m.equals("enforce"))
        .ifPresent(m -> yaml.problem(map.get("mode").getValueNode(), "mode must be advise or enforce, not '" + m + "'"));
    String summary = text(yaml, map, "summary").map(s -> templates.check(map.get("summary").getValueNode(), s))
        .orElse("{{runbook.id}}: {{process.comm}} ({{process.pid}}) in {{scope}}");
    String advice = text(yaml, map, "advice").map(s -> templates.check(map.get("advice").getValueNode(), s))
        .orElse("");
    return when.map(w -> new Runbook(id, title, severity, enabled, tags, w, rules, target, steps, remediate, guards,
        mode, summary, advice, yaml.at(root), schedule));
  }

  /** A rule must start from something that happened: a 'not' alone has no moment to be true at. */
  private static void checkRule(YamlTree yaml, Conjunction rule) {
    if (rule.positive().isEmpty()) {
      Match first = rule.negative().get(0);
      yaml.problem(first.position(), "a 'not' needs a positive condition beside it (in an 'all')");
    }
  }

  private static List<String> tags(YamlTree yaml, NodeTuple t) {
    if (t == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node n : yaml.list(t.getValueNode())) {
      yaml.scalar(n, "a tag").ifPresent(tag -> {
        if (TAG.matcher(tag).matches()) {
          out.add(tag);
        } else {
          yaml.problem(n, "tag '" + tag + "' must be lower-case letters, digits and '-'");
        }
      });
    }
    return List.copyOf(out);
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
    return yaml.flag(t.getValueNode(), ((ScalarNode) t.getKeyNode()).getValue()).orElse(!s.equals("false"));
  }





  private Guards guards(YamlTree yaml, NodeTuple t, ConditionReader conditions) {
    if (t == null) {
      return Guards.defaults();
    }
    Optional<Map<String, NodeTuple>> map = yaml.mapping(t.getValueNode(), "'guards'");
    if (map.isEmpty()) {
      return Guards.defaults();
    }
    Map<String, NodeTuple> m = map.get();
    yaml.onlyKeys(m, GUARD_KEYS, "'guards'");
    Duration cooldown = Optional.ofNullable(m.get("cooldown")).flatMap(c -> conditions.duration(c.getValueNode()))
        .orElse(Guards.DEFAULT_COOLDOWN);
    Optional<Integer> perHour = Optional.ofNullable(m.get("maxPerHour")).flatMap(n -> yaml.scalar(n.getValueNode(),
        "maxPerHour").flatMap(v -> {
          if (v.matches("\\d{1,4}") && Integer.parseInt(v) >= 1) {
            return Optional.of(Integer.parseInt(v));
          }
          yaml.problem(n.getValueNode(), "maxPerHour must be a whole number from 1 to 9999, not '" + v + "'");
          return Optional.empty();
        }));
    boolean approval = Optional.ofNullable(m.get("requireApproval"))
        .flatMap(n -> yaml.scalar(n.getValueNode(), "requireApproval").map(v -> flag(yaml, n, v))).orElse(false);
    boolean enforceOnly = Optional.ofNullable(m.get("enforceOnly"))
        .flatMap(n -> yaml.scalar(n.getValueNode(), "enforceOnly").map(v -> flag(yaml, n, v))).orElse(false);
    Optional<FleetGuard> fleet = Optional.ofNullable(m.get("fleet")).flatMap(n -> fleetGuard(yaml, n));
    return new Guards(cooldown, perHour, approval, enforceOnly, fleet);
  }

  /** {@code guards.fleet: {group: service, maxHosts: 2, maxSharePerHour: 10%}}: a group and at least one limit. */
  private Optional<FleetGuard> fleetGuard(YamlTree yaml, NodeTuple t) {
    Optional<Map<String, NodeTuple>> map = yaml.mapping(t.getValueNode(), "'guards.fleet'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> m = map.get();
    yaml.onlyKeys(m, FleetGuard.KEYS, "'guards.fleet'");
    Optional<String> group = text(yaml, m, "group");
    if (group.isEmpty() || !FleetGuard.name(group.get())) {
      yaml.problem(t.getValueNode(), "guards.fleet needs 'group': a host group key such as service or zone"
          + group.map(g -> ", not '" + g + "'").orElse(""));
      return Optional.empty();
    }
    Optional<Integer> hosts = text(yaml, m, "maxHosts").flatMap(v -> FleetGuard.hosts(v).or(() -> {
      yaml.problem(m.get("maxHosts").getValueNode(), "maxHosts must be a whole number from 1 to 9999, not '" + v + "'");
      return Optional.empty();
    }));
    Optional<Double> share = text(yaml, m, "maxSharePerHour").flatMap(v -> FleetGuard.share(v).or(() -> {
      yaml.problem(m.get("maxSharePerHour").getValueNode(),
          "maxSharePerHour must be a share above 0% and at most 100% (10% or 0.1), not '" + v + "'");
      return Optional.empty();
    }));
    if (!m.containsKey("maxHosts") && !m.containsKey("maxSharePerHour")) {
      yaml.problem(t.getValueNode(), "guards.fleet needs 'maxHosts', 'maxSharePerHour' or both");
      return Optional.empty();
    }
    return Optional.of(new FleetGuard(group.get(), hosts, share));
  }

  /** Steps are {@code - name} or {@code - name: {param: value}}. */
  private List<ActionStep> actionList(YamlTree yaml, NodeTuple t, boolean remediation, TemplateNames templates) {
    if (t == null) {
      return List.of();
    }
    List<ActionStep> out = new ArrayList<>();
    for (Node n : yaml.list(t.getValueNode())) {
      actionStep(yaml, n, remediation, templates).ifPresent(out::add);
    }
    return out;
  }

  private Optional<ActionStep> actionStep(YamlTree yaml, Node n, boolean remediation, TemplateNames templates) {
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
    java.util.Set<String> known = action.get().parameters();
    params.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> yaml.problem(n, name + ": unknown parameter '"
        + k + "'" + DidYouMean.hint(k, known) + (known.isEmpty() ? "; it takes none"
        : "; it takes " + String.join(", ", new java.util.TreeSet<>(known)))));
    // a parameter filled from the plan ({{process.unit}}) is checked by name now and by the action when it runs;
    // the others are checked now, leaving out what the action says about the filled ones (it names them 'name')
    Map<String, String> literal = new LinkedHashMap<>();
    List<String> filled = new java.util.ArrayList<>();
    params.forEach((k, v) -> {
      if (TemplateNames.hasPlaceholder(v)) {
        templates.check(n, v);
        filled.add("'" + k + "'");
      } else if (known.contains(k)) {
        literal.put(k, v);
      }
    });
    action.get().validate(literal).stream().filter(msg -> filled.stream().noneMatch(msg::contains))
        .forEach(msg -> yaml.problem(n, name + ": " + msg));
    return Optional.of(new ActionStep(name, Map.copyOf(params), yaml.at(n)));
  }


}
