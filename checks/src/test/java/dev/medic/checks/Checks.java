package dev.medic.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.facts.CheckSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: a check spec from YAML (through the real config parser), run once. */
final class Checks {

  private Checks() {}

  /** One check from the YAML of its entry (without the leading "- "). */
  static CheckSpec spec(String entryYaml) {
    return spec(entryYaml, CheckRegistry.builtin());
  }

  static CheckSpec spec(String entryYaml, CheckRegistry registry) {
    String list = "- " + entryYaml.strip().replace("\n", "\n  ") + "\n";
    try {
      LocatedTree tree = LocatedTree.readYaml(list);
      CheckConfig.Result r = CheckConfig.parse(tree.root(), "test.yaml", tree, registry);
      assertTrue(r.ok(), () -> String.join("\n", r.problems()));
      return r.checks().get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A host root whose {@code etc/} is the test's own (for resolv.conf files) and whose {@code proc} and {@code run}
   * are the live ones (for the namespaces): {@code dir/etc} is created, the others are symlinks.
   */
  static HostRoot withOwnEtc(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("etc"));
    Files.createSymbolicLink(dir.resolve("proc"), Path.of("/proc"));
    Files.createSymbolicLink(dir.resolve("run"), Path.of("/run"));
    return new HostRoot(dir);
  }

  /** Runs the spec once on the host namespace and returns its only fact. */
  static CheckSample once(CheckSpec spec) {
    try (CheckRunner runner = new CheckRunner(List.of(), Namespaces.HOST_ONLY)) {
      List<CheckSample> out = runner.runOnce(spec);
      assertEquals(1, out.size(), () -> "facts: " + out);
      return out.get(0);
    }
  }

  static CheckSample once(String entryYaml) {
    return once(spec(entryYaml));
  }

  /** Asserts a failure: error kind and failed phase. */
  static void failed(CheckSample s, String error, String phase) {
    assertEquals(false, s.ok(), () -> "expected a failure: " + s);
    assertEquals(error, s.error(), () -> "error of " + s);
    assertEquals(phase, s.failedPhase(), () -> "phase of " + s);
  }
}
