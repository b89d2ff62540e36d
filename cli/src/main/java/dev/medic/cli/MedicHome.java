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

  /** {@code <home>/config/medic.yaml} when it exists. */
  static Optional<Path> defaultConfig() {
    Path p = dir().resolve("config").resolve("medic.yaml");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  static Path defaultRunbooks() {
    return dir().resolve("runbooks");
  }
}
