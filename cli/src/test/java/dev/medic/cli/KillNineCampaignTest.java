package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.ErrorEvent;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.JournalReader;
import dev.medic.engine.journal.PlanEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a live agent (a child JVM running {@code medic run}) at seeded random moments, restarted
 * each time, with a hog present that a campaign runbook captures under a 10-minute cooldown. Held after every
 * cycle: the journal has at most a torn last line (the kill), and the next start seals it (0 problems after); at
 * the end every action the gates passed has exactly one outcome ({@code dropped} for those the kill cut), and no
 * plan for the hog repeats inside its cooldown. {@code -Dmedic.campaign.kills=N} (default 6; 100 for a soak).
 */
class KillNineCampaignTest {

  private static final long COOLDOWN_MS = 600_000;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void killNineLosesNothingAndRepeatsNothing(@TempDir Path tmp) throws Exception {
    int kills = Integer.getInteger("medic.campaign.kills", 6);
    Random random = new Random(Long.getLong("medic.campaign.seed", 20261204L));
    Path hogLink = Files.createSymbolicLink(tmp.resolve("medic-t-hog"), Path.of("/bin/sh"));
    // a real hog: 64 MB held in a shell variable, then it waits on its open stdin
    Process hog = start(new ProcessBuilder(hogLink.toString(), "-c",
        "x=$(head -c 67108864 /dev/zero | tr '\\0' a); read y"));
    Path runbooks = Files.createDirectories(tmp.resolve("runbooks"));
    Files.writeString(runbooks.resolve("hog.yaml"), String.join("\n",
        "id: campaign-hog",
        "title: The campaign's hog is running",
        "severity: warning",
        "when:",
        "  all:",
        "    - fact: process",
        "      where: comm == medic-t-hog",
        "target: matched_process",
        "steps:",
        "  - capture_identity",
        "  - capture_pmap",
        "guards:",
        "  cooldown: 10m",
        "summary: \"hog {{process.pid}}\"",
        "advice: none",
        ""));
    Path config = tmp.resolve("medic.yaml");
    Files.writeString(config, String.join("\n", "mode: advise", "interval: 200ms", "processInterval: 200ms",
        "runbooks: [runbooks]", "probes: {kmsg: false}", ""));
    Path state = tmp.resolve("state");
    int torn = 0;
    int earlyKills = 0; // runs killed before they journalled their start
    for (int cycle = 0; cycle < kills; cycle++) {
      Process agent = start(new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
          "dev.medic.cli.MedicCli", "run", "-c", config.toString(), "--state-dir", state.toString())
          .redirectErrorStream(true).redirectOutput(tmp.resolve("agent-" + cycle + ".log").toFile()));
      if (random.nextInt(4) == 0) {
        Thread.sleep(random.nextInt(3_000)); // during startup: before or while the journal opens
      } else {
        awaitStarts(state.resolve("journal.jsonl"), cycle + 1 - earlyKills, agent);
        Thread.sleep(random.nextInt(1_500)); // running: between, during or after plans and their captures
      }
      agent.destroyForcibly(); // SIGKILL
      assertTrue(agent.waitFor(10, TimeUnit.SECONDS));
      earlyKills = cycle + 1 - starts(state.resolve("journal.jsonl"));
      Path journal = state.resolve("journal.jsonl");
      if (Files.exists(journal)) {
        byte[] bytes = Files.readAllBytes(journal);
        torn += bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? 1 : 0;
      }
    }
    // a last, clean run: seals the last kill's tail and closes its unended actions, then stops on its own
    Process last = start(new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        "dev.medic.cli.MedicCli", "run", "-c", config.toString(), "--state-dir", state.toString(),
        "--for", "5s").redirectErrorStream(true).redirectOutput(tmp.resolve("agent-last.log").toFile()));
    assertTrue(last.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, last.exitValue(), Files.readString(tmp.resolve("agent-last.log")));

    JournalReader.Contents read = JournalReader.readAll(state.resolve("journal.jsonl"));
    assertEquals(List.of(), read.problems(), "no torn or malformed line is left");
    Map<String, Integer> passed = new HashMap<>();
    Map<String, Integer> ended = new HashMap<>();
    Map<Integer, List<Long>> hogPlans = new HashMap<>();
    int sealed = 0;
    int dropped = 0;
    for (JournalEvent e : read.events()) {
      if (e instanceof DecisionEvent d && d.verdict().equals("run")) {
        passed.merge(d.incident() + "/" + d.action(), 1, Integer::sum);
      } else if (e instanceof ActionEvent a) {
        ended.merge(a.incident() + "/" + a.action(), 1, Integer::sum);
        dropped += a.status().equals("dropped") ? 1 : 0;
      } else if (e instanceof PlanEvent p && p.runbook().equals("campaign-hog")) {
        hogPlans.computeIfAbsent(p.pid(), k -> new ArrayList<>()).add(p.ts());
      } else if (e instanceof ErrorEvent err && err.message().startsWith("journal: sealed")) {
        sealed++;
      }
    }
    assertEquals(passed, ended, "every passed action has exactly one outcome");
    assertEquals(torn, sealed, "every torn tail was sealed");
    int repeats = 0;
    for (List<Long> times : hogPlans.values()) {
      for (int i = 1; i < times.size(); i++) {
        repeats += times.get(i) - times.get(i - 1) < COOLDOWN_MS ? 1 : 0;
      }
    }
    System.out.printf("kill -9 campaign: %d kills (%d during startup), %d torn tails sealed, %d passed actions, %d dropped by a kill, "
        + "%d hog plans, %d repeated inside the cooldown%n", kills, earlyKills, sealed, passed.size(), dropped,
        hogPlans.values().stream().mapToInt(List::size).sum(), repeats);
    assertTrue(!hogPlans.isEmpty(), "the hog was planned for at least once");
    assertEquals(0, repeats, "plans repeated inside their cooldown across restarts");
    assertTrue(hog.isAlive(), "the hog was only watched");
  }

  /** Until the journal holds {@code n} start lines (the agent is up and sweeping), at most 60 s. */
  private static void awaitStarts(Path journal, int n, Process agent) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (starts(journal) < n && agent.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  private static int starts(Path journal) throws java.io.IOException {
    if (!Files.exists(journal)) {
      return 0;
    }
    String text = Files.readString(journal, StandardCharsets.ISO_8859_1);
    int count = 0;
    String start = "{\"event\":\"start\"";
    for (int at = text.indexOf(start); at >= 0; at = text.indexOf(start, at + 1)) {
      count++;
    }
    return count;
  }

  private Process start(ProcessBuilder builder) throws java.io.IOException {
    Process p = builder.start();
    started.add(p);
    return p;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String log(Path file) throws java.io.IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
