package dev.medic.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link ActionRegistry}: names, constants and instances agree. */
class ActionRegistryTest {

  private final ActionRegistry registry = ActionRegistry.builtin();

  @Test
  void everyKeyEqualsTheActionsNameConstantAndName() throws ReflectiveOperationException {
    for (String key : registry.names()) {
      Action action = registry.find(key).orElseThrow();
      assertEquals(key, action.name());
      assertEquals(key, action.getClass().getField("NAME").get(null), action.getClass().getName());
      assertTrue(key.matches("[a-z]+(_[a-z]+)*"), "not snake_case: " + key);
    }
  }

  @Test
  void namesAreTheBuiltinsSorted() {
    assertEquals(List.of("capture_conntrack", "capture_dns", "capture_identity", "capture_links", "capture_listeners",
        "capture_log", "capture_lsof", "capture_pidstat", "capture_pmap", "capture_ruleset", "capture_smaps",
        "capture_sockets", "capture_tcp_counters", "capture_top", "restart_unit", "set_memory_high",
        "set_oom_score_adj", "set_swappiness", "set_sysctl", "signal_process"),
        List.copyOf(registry.names()));
  }

  @Test
  void onlyTuningSignallingAndRestartingChangeTheHost() {
    Set<String> changing = Set.of("set_memory_high", "set_oom_score_adj", "set_swappiness", "restart_unit",
        "signal_process", "set_sysctl");
    for (String name : registry.names()) {
      assertEquals(changing.contains(name), registry.find(name).orElseThrow().changesHost(), name);
    }
  }

  @Test
  void everyActionValidatesEmptyParamsWithoutThrowing() {
    Set<String> required = Set.of("set_oom_score_adj", "set_swappiness", "restart_unit", "set_sysctl");
    for (String name : registry.names()) {
      List<String> problems = registry.find(name).orElseThrow().validate(Map.of());
      assertEquals(required.contains(name), !problems.isEmpty(), name + ": " + problems);
    }
  }

  @Test
  void find_unknownOrNullIsEmpty() {
    assertEquals(Optional.empty(), registry.find("kill_everything"));
    assertEquals(Optional.empty(), registry.find(null));
  }

  @Test
  void find_returnsAFreshInstance() {
    assertNotSame(registry.find("capture_pmap").orElseThrow(), registry.find("capture_pmap").orElseThrow());
  }
}
