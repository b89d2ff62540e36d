package dev.medic.engine.drl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runbook.RunbookLoader;
import dev.medic.engine.session.RuleBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of the generated rules: each {@code golden/<case>/runbook.yaml} compiles to exactly
 * {@code expected.drl}, and that DRL builds. Run with {@code -Dmedic.golden.update=true} to rewrite the golden
 * files after an intended change (or to write a new case's), then review the diff; a case without
 * {@code expected.drl} fails.
 */
class DrlGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void compilesToTheGoldenDrl(Path dir) throws Exception {
    var runbooks = new RunbookLoader(ActionRegistry.builtin()).loadAll(List.of(dir.resolve("runbook.yaml")));
    String drl = new DrlCompiler().compile(runbooks);
    Path expected = dir.resolve("expected.drl");
    if (Boolean.getBoolean("medic.golden.update")) {
      Files.writeString(expected, drl);
    }
    assertTrue(Files.exists(expected), expected + " is missing; write it with -Dmedic.golden.update=true "
        + "(mvn -B -pl engine -am test -Dmedic.golden.update=true) and review it");
    assertEquals(Files.readString(expected), drl, "generated DRL differs from " + expected);
    RuleBase.build(drl); // and it is valid DRL
  }
}
