package dev.medic.cli;

import dev.medic.agent.MedicConfig;
import dev.medic.engine.gate.Mode;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that runs runbooks shares: which config, and overrides for its main settings. */
final class ConfigOptions {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Settings file (default: /etc/medic/medic.yaml if it exists, else config/medic.yaml in Medic's "
          + "folder).")
  Path config;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where the journal and evidence go (default from the config: /var/lib/medic as root).")
  Path stateDir;

  @Option(names = "--runbooks", paramLabel = "PATH", split = ",",
      description = "Runbook files or folders, instead of the config's.")
  List<Path> runbooks;

  @Option(names = "--mode", paramLabel = "MODE", description = "advise (default) or enforce; overrides the config.")
  String mode;

  MedicConfig load() throws MedicConfig.ConfigException {
    Path file = config != null ? config : MedicHome.installedConfig().or(MedicHome::defaultConfig).orElse(null);
    MedicConfig cfg = file != null ? MedicConfig.load(file)
        : MedicConfig.defaults(List.of(MedicHome.defaultRunbooks()));
    if (stateDir != null) {
      cfg = cfg.withStateDir(stateDir.toAbsolutePath());
    }
    if (runbooks != null) {
      cfg = cfg.withRunbooks(runbooks.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    }
    if (mode != null) {
      cfg = cfg.withMode(Mode.parse(mode));
    }
    return cfg;
  }
}
