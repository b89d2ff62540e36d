package dev.medic.engine.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.language.binding.TargetBinding;
import dev.medic.engine.language.binding.Targets;
import dev.medic.engine.language.window.Windows;
import dev.medic.engine.runbook.Conjunction;
import dev.medic.engine.runbook.Runbook;
import dev.medic.engine.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every registered window kind and target binding is used by a golden case ({@code src/test/resources/golden/}),
 * so the DRL it writes is pinned by {@code DrlGoldenTest} and {@code AdmissionEquivalenceTest} replays it: a new
 * construct without a golden case fails here.
 */
class ConstructCoverageTest {

  private static List<Runbook> golden() throws Exception {
    List<Path> files;
    try (Stream<Path> cases = Files.list(Path.of("src/test/resources/golden"))) {
      files = cases.map(c -> c.resolve("runbook.yaml")).filter(Files::exists).sorted().toList();
    }
    return new RunbookLoader(ActionRegistry.builtin()).loadAll(files);
  }

  @Test
  void everyWindowKindHasAGoldenCase() throws Exception {
    Set<String> used = new TreeSet<>();
    for (Runbook rb : golden()) {
      for (Conjunction c : rb.rules()) {
        Stream.concat(c.positive().stream(), c.negative().stream())
            .forEach(m -> used.add(m.window().getClass().getSimpleName()));
      }
    }
    Set<String> registered = new TreeSet<>();
    // each kind's SYNTAX is declared in the kind's class
    Windows.ALL.forEach(s -> registered.add(s.getClass().getEnclosingClass().getSimpleName()));
    assertEquals(registered, used, "window kinds registered in Windows vs used by the golden cases");
  }

  @Test
  void everyTargetBindingHasAGoldenCase() throws Exception {
    Set<String> used = new TreeSet<>();
    for (Runbook rb : golden()) {
      for (int i = 0; i < rb.rules().size(); i++) {
        used.add(rb.targetOf(i).keyword());
      }
    }
    assertEquals(new TreeSet<>(Targets.keywords()), used, "target bindings registered in Targets vs used by the "
        + "golden cases");
  }

  @Test
  void keywordsAreUnique() {
    assertEquals(Targets.ALL.size(), Targets.ALL.stream().map(TargetBinding::keyword).distinct().count());
    List<String> keywords = Windows.ALL.stream().flatMap(s -> s.keywords().stream()).toList();
    assertEquals(keywords.size(), keywords.stream().distinct().count(), "a keyword chooses one window kind");
  }
}
