package dev.medic.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Medic is installed: the launcher passes {@code -Dmedic.home}. The shipped config and runbooks are found
 * there, so {@code medic run} with no options runs the shipped defaults.
 */
final class MedicHome {

  private MedicHome() {}

  static Path dir() {
    String home = System.getProperty("medic.home");
    return home == null ? Path.of(".").toAbsolutePath().normalize() : Path.of(home);
  }

  /** Where the Debian package puts the operator's config. */
  static final Path ETC_CONFIG = Path.of("/etc/medic/medic.yaml");

  /**
   * {@code /etc/medic/medic.yaml} when it exists (an installed Medic); the property {@code medic.etcConfig}
   * names another file, for tests.
   */
  static Optional<Path> installedConfig() {
    Path p = Path.of(System.getProperty("medic.etcConfig", ETC_CONFIG.toString()));
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** {@code <home>/config/medic.yaml} when it exists. */
  static Optional<Path> defaultConfig() {
    Path p = dir().resolve("config").resolve("medic.yaml");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  static Path defaultRunbooks() {
    return dir().resolve("runbooks");
  }
}
