package dev.medic.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.agent.MedicConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb this build made (target/medic_*_all.deb, by build-deb.sh before the tests): the files an operator's
 * host gets, owned by root with the right modes, the config as a conffile pointing at the installed pack and
 * /var/lib/medic, and {@code medic --version} and {@code medic validate} run from the package extracted into a
 * scratch root with {@code dpkg-deb -x}.
 */
class DebPackageTest {

  static Path deb;

  @BeforeAll
  static void find() throws IOException {
    Optional<Path> built;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      built = files.filter(p -> p.getFileName().toString().matches("medic_.*_all\\.deb")).findFirst();
    }
    assumeTrue(built.isPresent(), "no package: build-deb.sh needs cli/target/medic.jar (mvn package) and dpkg-deb");
    deb = built.get().toAbsolutePath();
  }

  private record Run(int code, String out) {}

  private static Run run(Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
    return new Run(p.exitValue(), out);
  }

  @Test
  void itHoldsTheLauncherJarUnitConfigAndPackOwnedByRoot() throws Exception {
    Run list = run(Path.of("."), "dpkg-deb", "-c", deb.toString());
    assertEquals(0, list.code(), list.out());
    for (String[] entry : new String[][] {
        {"-rwxr-xr-x", "./usr/bin/medic"},
        {"-rw-r--r--", "./usr/share/medic/medic.jar"},
        {"-rw-r--r--", "./lib/systemd/system/medic.service"},
        {"-rw-r--r--", "./etc/medic/medic.yaml"},
        {"-rw-r--r--", "./usr/share/medic/runbooks/memory-hog.yaml"},
        {"-rw-r--r--", "./usr/share/doc/medic/operations.md"}}) {
      assertTrue(list.out().lines().anyMatch(l -> l.startsWith(entry[0] + " root/root") && l.endsWith(" " + entry[1])),
          entry[1] + " missing or wrong mode/owner:\n" + list.out());
    }
    assertEquals("medic\n", run(Path.of("."), "dpkg-deb", "-f", deb.toString(), "Package").out());
    assertEquals("/etc/medic/medic.yaml\n", run(Path.of("."), "dpkg-deb", "-I", deb.toString(), "conffiles").out());
    String depends = run(Path.of("."), "dpkg-deb", "-f", deb.toString(), "Depends").out();
    assertTrue(depends.contains("openjdk-17-jre-headless"), depends);
  }

  @Test
  void extractedIntoAScratchRootItRunsAndItsConfigPointsAtTheInstalledPaths(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("root");
    Run extract = run(tmp, "dpkg-deb", "-x", deb.toString(), root.toString());
    assertEquals(0, extract.code(), extract.out());
    Run version = run(tmp, root.resolve("usr/bin/medic").toString(), "--version");
    assertEquals(0, version.code(), version.out());
    assertTrue(version.out().startsWith("medic "), version.out());
    Run validate = run(tmp, root.resolve("usr/bin/medic").toString(), "validate",
        root.resolve("usr/share/medic/runbooks").toString());
    assertEquals(0, validate.code(), validate.out());

    MedicConfig config = MedicConfig.load(root.resolve("etc/medic/medic.yaml"));
    assertEquals(List.of(Path.of("/usr/share/medic/runbooks")), config.runbooks());
    assertEquals(Path.of("/var/lib/medic"), config.stateDir());
    String unit = Files.readString(root.resolve("lib/systemd/system/medic.service"));
    for (String line : List.of("Type=simple", "ExecStart=/usr/bin/medic run", "ExecReload=/bin/kill -HUP $MAINPID",
        "OOMScoreAdjust=-900", "ProtectSystem=strict", "ReadWritePaths=/var/lib/medic", "NoNewPrivileges=true")) {
      assertTrue(unit.lines().anyMatch(line::equals), line + " missing from the unit");
    }
  }
}
