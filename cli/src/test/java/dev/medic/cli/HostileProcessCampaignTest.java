package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.Action;
import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionRegistry;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeSettings;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ProcessSample;
import dev.medic.probes.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile processes against every exit of Medic, with real children: names and command lines with control bytes
 * and shell syntax, 100 KB arguments, secrets in every common form in the arguments and the environment. The
 * children are {@code sh -c 'read x'} under a symlink whose name is the hostile comm: the hostile text is only
 * ever positional parameters, never a script. Asserted: nothing executed (the marker file never appears), no
 * secret and no raw ESC in any output (the probes' facts, {@code medic probe} and {@code --json}, a recording,
 * every capture's evidence), sweeps on time, {@code capture_identity} of a 3×100 KB target within its timeout.
 * Seeded ({@code -Dmedic.campaign.seed}); {@code -Dmedic.campaign.hostile=N} children for a soak run.
 */
class HostileProcessCampaignTest {

  private static final String SECRET = "S3CRETv";
  /** Hostile comms (ASCII: a file name in any JVM encoding). */
  private static final List<String> NAMES = List.of("\u001b[2J", "\n) R 1 (", "\r$(id)", "`id`;x", "\u007f\u0007");
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
    for (Process p : children) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void hostileProcessesExecuteNothingLeakNothingAndStayOnTime(@TempDir Path tmp) throws Exception {
    long seed = Long.getLong("medic.campaign.seed", 20261204L);
    int count = Integer.getInteger("medic.campaign.hostile", 12);
    Random random = new Random(seed);
    Path marker = tmp.resolve("medic-t-" + UUID.randomUUID() + "-executed");
    String touch = "touch " + marker;
    List<String> hostile = List.of("$(" + touch + ")", "`" + touch + "`", ";" + touch, "|" + touch, "&&" + touch,
        "\u001b[2J\u001b]0;pwned\u0007", "line\nforged: yes", "cr\rover", "\u009b31m", "'\"$IFS");
    Map<String, List<Integer>> pids = new java.util.LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = "ev" + i + NAMES.get(random.nextInt(NAMES.size())); // the comm: the link's name, 15 bytes
      Path link = tmp.resolve(name);
      Files.createSymbolicLink(link, Path.of("/bin/sh"));
      List<String> argv = new ArrayList<>(List.of(link.toString(), "-c", "read x", "arg0"));
      argv.addAll(secrets(i));
      for (int h = 0; h < 3; h++) {
        argv.add(hostile.get(random.nextInt(hostile.size())));
      }
      if (i == 0) { // the target of the 3×100 KB capture
        for (int big = 0; big < 3; big++) {
          argv.add("a".repeat(100_000));
        }
      }
      if (i == 1) {
        argv.add("--password=" + SECRET + "long" + "b".repeat(65_000));
      }
      ProcessBuilder builder = new ProcessBuilder(argv);
      builder.environment().putAll(Map.of("GITHUB_PAT", SECRET + "env1", "API_CREDS", SECRET + "env2",
          "DB_PASSWORD", SECRET + "env3", "DATABASE_URL", "postgres://app:" + SECRET + "env4@db/x",
          "JAVA_OPTS", "-Xmx1g -Ddb.password=" + SECRET + "env5", "TITLE", "\u001b[2Jgone"));
      Process p = builder.start(); // its stdin stays open: `read x` waits until we kill it
      children.add(p);
      pids.computeIfAbsent("all", k -> new ArrayList<>()).add((int) p.pid());
    }
    List<Integer> all = pids.get("all");
    waitUntilExecd(all);

    List<String> outputs = new ArrayList<>();
    // the probes, sweep after sweep: on time, and the facts are clean at the source
    ProbeSweep sweep = new ProbeSweep(HostRoot.live(), new ProbeSettings(100_000, false));
    long worst = 0;
    for (int s = 0; s < 3; s++) {
      long start = System.nanoTime();
      List<Fact> facts = sweep.sweep(System.currentTimeMillis());
      worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
      for (Fact f : facts) {
        if (f instanceof ProcessSample p && all.contains(p.pid())) {
          outputs.add(p.comm() + " " + p.cmdline());
        }
      }
    }
    assertTrue(worst < 5_000, "a sweep took " + worst + " ms");
    assertEquals(3 * count, outputs.size(), "every hostile child seen in every sweep");

    // medic probe, text and --json
    CliRun text = CliRun.of("probe", "--top", "0");
    CliRun json = CliRun.of("probe", "--json", "--top", "0");
    assertEquals(0, json.code(), json.err());
    outputs.add(text.out());
    outputs.add(json.out());

    // a recording of a few sweeps
    Path recording = tmp.resolve("rec.jsonl");
    CliRun record = CliRun.of("record", "-c", Path.of("../config/medic.yaml").toAbsolutePath().toString(),
        "--out", recording.toString(), "--for", "1s", "--interval", "300ms",
        "--state-dir", tmp.resolve("state").toString());
    assertEquals(0, record.code(), record.toString());
    outputs.add(Files.readString(recording));

    // every capture on every child, into one bundle each
    ActionRegistry actions = ActionRegistry.builtin();
    long bigIdentityMs = -1;
    Duration timeout = Duration.ofSeconds(10);
    for (int i = 0; i < all.size(); i++) {
      EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("evidence"), "incident-" + i);
      for (String name : List.of("capture_identity", "capture_pmap", "capture_top")) {
        Action action = actions.find(name).orElseThrow();
        long start = System.nanoTime();
        ActionResult result = action.run(new ActionContext(all.get(i), HostRoot.live(), Map.of(), bundle, timeout,
            null));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ActionResult.Status.OK, result.status(), name + " of child " + i + ": " + result.detail());
        assertTrue(took < timeout.toMillis(), name + " took " + took + " ms");
        if (i == 0 && name.equals("capture_identity")) {
          bigIdentityMs = took;
        }
        outputs.add(result.detail());
      }
      try (Stream<Path> files = Files.list(bundle.dir())) {
        for (Path f : files.toList()) {
          outputs.add(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }

    assertFalse(Files.exists(marker), "a hostile argument was executed");
    long bytes = outputs.stream().mapToLong(String::length).sum();
    System.out.printf("hostile campaign: %d children, %d outputs (%d chars) grepped, slowest sweep %d ms, "
        + "capture_identity of 3x100 KB in %d ms%n", count, outputs.size(), bytes, worst, bigIdentityMs);
    for (String out : outputs) {
      assertFalse(out.contains(SECRET), () -> "leaked: " + around(out, SECRET));
      assertFalse(out.contains("\u001b"), () -> "raw ESC: " + around(out, "\u001b"));
      assertFalse(out.contains("\u009b"), () -> "raw CSI: " + around(out, "\u009b"));
      assertFalse(out.contains("\r"), () -> "raw CR: " + around(out, "\r"));
    }
  }

  /** The secret forms, each with its own value so a leak names its form. */
  private static List<String> secrets(int i) {
    String s = SECRET + i;
    return List.of("--password=" + s + "a", "--password", s + "b", "-p" + s + "c", "DB_PASSWORD=" + s + "d",
        "GITHUB_PAT=" + s + "e", "API_CREDS=" + s + "f", "https://user:" + s + "g@host/x", "-H",
        "Authorization: Bearer " + s + "h", "--token", "-" + s + "i", "--api-key:" + s + "j",
        "Authorization:", "Basic", s + "k", "-Dkeystore.password=" + s + "l");
  }

  /** Until every child's cmdline shows the exec'd arguments (not the JVM's fork). */
  private static void waitUntilExecd(List<Integer> pids) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    for (int pid : pids) {
      while (!Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.ISO_8859_1)
          .contains("read x")) {
        if (System.currentTimeMillis() > deadline) {
          throw new IOException("child " + pid + " never started");
        }
        Thread.sleep(10);
      }
    }
  }

  private static String around(String text, String needle) {
    int at = text.indexOf(needle);
    return Printable.line(text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 60)));
  }
}
