package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.fleet.FleetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleet:} in medic.yaml: read strictly; without it Medic works alone. */
class MedicConfigFleetTest {

  @TempDir Path tmp;

  private MedicConfig load(String yaml) throws Exception {
    Path file = tmp.resolve("medic.yaml");
    Files.writeString(file, "runbooks: [runbooks]\n" + yaml);
    return MedicConfig.load(file);
  }

  @Test
  void withoutTheSectionMedicWorksAlone() throws Exception {
    assertEquals(Optional.empty(), load("mode: advise\n").fleet());
    assertEquals(Optional.empty(), load("mode: advise\n").withMode(dev.medic.engine.gate.Mode.ENFORCE).fleet());
  }

  @Test
  void theSectionIsRead() throws Exception {
    MedicConfig c = load("fleet:\n  connect: zk1:2181,zk2:2181\n  host: web-7\n  sessionTimeout: 20s\n"
        + "  groups: {service: api, zone: eu-1}\n  limits: {group: service, maxHosts: 2, maxSharePerHour: 10%}\n"
        + "  criticalUnits: [medic.service]\n");
    FleetSettings f = c.fleet().orElseThrow();
    assertEquals("zk1:2181,zk2:2181", f.connect());
    assertEquals("/medic/v1", f.chroot());
    assertEquals(Duration.ofSeconds(20), f.sessionTimeout());
    assertEquals(Map.of("service", "api", "zone", "eu-1"), f.groups());
    assertEquals(2, f.limits().maxHosts());
    assertEquals(Optional.of(0.1), f.limits().maxSharePerHour());
    assertTrue(f.durable("reboot", Map.of()), "reboot holds a durable permit by default");
    assertTrue(f.durable("restart_unit", Map.of("unit", "medic.service")));
    assertEquals(f, c.withStateDir(tmp).fleet().orElseThrow(), "carried by the with… methods");
  }

  @Test
  void anUnknownKeyIsOneLine() {
    MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class,
        () -> load("fleet:\n  connect: zk1:2181\n  conect: zk2:2181\n"));
    assertTrue(e.getMessage().startsWith(tmp.resolve("medic.yaml") + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("conect"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aBadValueIsOneLineNamingTheSetting() {
    MedicConfig.ConfigException e = assertThrows(MedicConfig.ConfigException.class,
        () -> load("fleet:\n  connect: 'zk1; rm -rf /'\n"));
    assertTrue(e.getMessage().contains("fleet.connect must be host:port"), e.getMessage());
    MedicConfig.ConfigException share = assertThrows(MedicConfig.ConfigException.class,
        () -> load("fleet:\n  connect: zk1:2181\n  limits: {maxSharePerHour: 200%}\n"));
    assertTrue(share.getMessage().contains("fleet.limits.maxSharePerHour"), share.getMessage());
  }
}
