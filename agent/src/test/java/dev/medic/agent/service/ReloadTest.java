package dev.medic.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.agent.Agent;
import dev.medic.agent.MedicConfig;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.journal.ReloadEvent;
import dev.medic.engine.runtime.CompiledRunbooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live agent on this host's /proc reloads its config and runbooks: a valid set replaces the running one, an
 * invalid set or an empty one changes nothing and says why, and each outcome is journalled.
 */
class ReloadTest {

  @Test
  void aValidReloadSwapsTheRunbooksAndABadOneKeepsThem(@TempDir Path tmp) throws Exception {
    Path books = Files.createDirectories(tmp.resolve("runbooks"));
    String hog = Files.readString(Path.of("../runbooks/memory-hog.yaml"));
    Files.writeString(books.resolve("memory-hog.yaml"), hog);
    Path cfg = tmp.resolve("medic.yaml");
    Files.writeString(cfg, "interval: 200ms\nstateDir: state\nrunbooks: [runbooks]\n");
    MedicConfig config = MedicConfig.load(cfg);
    CompiledRunbooks start = CompiledRunbooks.load(config.runbooks(), ActionRegistry.builtin());
    Path journal;
    try (Agent agent = new Agent(config, start, Optional.empty(), null)) {
      journal = agent.journalFile();
      agent.reloadFrom(() -> MedicConfig.load(cfg));

      Files.writeString(books.resolve("second.yaml"), hog.replace("\nid: memory-hog\n", "\nid: second-hog\n"));
      ReloadEvent ok = agent.reload();
      assertTrue(ok.ok(), ok.toString());
      assertEquals(List.of("memory-hog", "second-hog"), ok.runbooks());
      assertEquals(2, agent.runbooks().runbooks().size());
      long sweeps = agent.sweeps();
      for (int i = 0; i < 50 && agent.sweeps() < sweeps + 2; i++) {
        Thread.sleep(100);
      }
      assertTrue(agent.sweeps() >= sweeps + 2, "the loop keeps sweeping on the new engine");
      assertEquals(0, agent.errors());

      Files.writeString(books.resolve("broken.yaml"), "id: broken\nwhen: {fact: cgroup, where: usagePercnt >= 1%}\n");
      ReloadEvent bad = agent.reload();
      assertFalse(bad.ok());
      assertTrue(bad.message().contains("broken.yaml") && bad.message().endsWith("the old runbooks keep running"),
          bad.message());
      assertEquals(List.of("memory-hog", "second-hog"), bad.runbooks());
      assertEquals(2, agent.runbooks().runbooks().size());

      Files.writeString(cfg, "interval: 1s\nstateDir: state\nrunbooks: [runbooks]\n");
      Files.delete(books.resolve("broken.yaml"));
      ReloadEvent later = agent.reload();
      assertTrue(later.ok());
      assertTrue(later.message().contains("changed but used only after a restart: interval"), later.message());

      Files.writeString(cfg, "stateDir: state\nrunbooks: [empty]\n");
      Files.createDirectories(tmp.resolve("empty"));
      ReloadEvent none = agent.reload();
      assertFalse(none.ok());
      assertTrue(none.message().contains("the folder holds no runbook"), none.message());
    }
    List<ReloadEvent> reloads = JournalReader.readAll(journal).events().stream()
        .filter(ReloadEvent.class::isInstance).map(ReloadEvent.class::cast).toList();
    assertEquals(List.of(true, false, true, false), reloads.stream().map(ReloadEvent::ok).toList());
  }
}
