package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code probes:} switches of medic.yaml, and the shipped config listing every probe. */
class MedicConfigProbesTest {

  @TempDir Path tmp;

  private MedicConfig load(String yaml) throws Exception {
    Path file = tmp.resolve("medic.yaml");
    Files.writeString(file, "runbooks: [runbooks]\n" + yaml); // a config must name its runbooks
    return MedicConfig.load(file);
  }

  @Test
  void switchesAreRead() throws Exception {
    assertEquals(Map.of("edac", false, "swaps", true), load("probes: {edac: false, swaps: true}\n").probes());
    assertEquals(Map.of(), load("mode: advise\n").probes());
  }

  @Test
  void anUnknownProbeIsOneLineWithASuggestionAndTheKnownNames() {
    MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class,
        () -> load("probes:\n  edak: false\n"));
    assertEquals(tmp.resolve("medic.yaml") + ":3:3: probes: unknown probe 'edak' (did you mean 'edac'?); known: "
        + "meminfo, pressure, vmstat, swaps, vm, edac, kmsg, cgroup, process, limits, files, tcp, sockets, listeners, "
        + "conntrack, nic, ports, resolver, route, checks", e.getMessage());
  }

  @Test
  void aSwitchMustBeTrueOrFalse() {
    MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class,
        () -> load("probes:\n  edac:\n"));
    assertEquals(tmp.resolve("medic.yaml") + ":3:8: 'probes.edac': expected true or false", e.getMessage());
  }

  /** config/medic.yaml lists every probe, on: the shipped file is the reference of the names. */
  @Test
  void theShippedConfigListsEveryProbeOn() throws Exception {
    Path shipped = Path.of(System.getProperty("user.dir")).getParent().resolve("config/medic.yaml");
    Map<String, Boolean> probes = MedicConfig.load(shipped).probes();
    assertEquals(dev.medic.probes.ProbeRegistry.names().size(), probes.size(), probes.toString());
    probes.forEach((name, on) -> assertEquals(true, on, name));
  }
}
