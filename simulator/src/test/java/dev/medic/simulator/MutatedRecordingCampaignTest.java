package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.JournalEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded campaign of damaged recordings: every shipped recording, with a line repeated, moved, swapped with
 * another, deleted, or the file cut or a byte flipped, replayed through the runbook pack and compared with the
 * undamaged replay. A replay either fails with an error naming the file and line, or says it is damaged, or
 * decides exactly as the undamaged one did; a different decision without a warning fails the test for the damage
 * a reader can see in the format ({@link Mutation#detectable}). Deleting a whole fact line, cutting the file at a
 * line's end, or flipping a byte inside a value gives another well-formed recording: without integrity data in
 * the format (a later version) no reader can tell, so those are counted and reported, not asserted.
 *
 * <p>{@code -Dmedic.campaign.recordings=N} runs N cases instead of {@value #DEFAULT_CASES};
 * {@code -Dmedic.campaign.seed=S} another sequence. See {@code docs/reliability.md}.
 */
class MutatedRecordingCampaignTest {

  static final int DEFAULT_CASES = 100;

  @TempDir
  Path dir;

  @Test
  void damagedRecordingsNeverDecideDifferentlyInSilence() throws Exception {
    int cases = Integer.getInteger("medic.campaign.recordings", DEFAULT_CASES);
    long seed = Long.getLong("medic.campaign.seed", 20261204L);
    CompiledRunbooks pack = CompiledRunbooks.load(List.of(AdmissionEquivalenceTest.PACK), ActionRegistry.builtin());
    GateSettings config = GateSettings.defaults();
    List<Path> recordings;
    try (Stream<Path> files = Files.list(PackRecordingsTest.SHIPPED)) {
      recordings = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    Map<Path, List<JournalEvent>> baseline = new HashMap<>();
    Map<Path, byte[]> bytes = new HashMap<>();
    for (Path r : recordings) {
      Replayer.Result result = new Replayer(pack, config).replay(r);
      assertEquals(List.of(), result.damage().lines(), r + ": a shipped recording is undamaged");
      baseline.put(r, result.events());
      bytes.put(r, Files.readAllBytes(r));
    }
    Random random = new Random(seed);
    Map<String, long[]> tally = new TreeMap<>(); // {cases, refused, flagged, same, silently different}
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < cases; i++) {
      Path original = recordings.get(random.nextInt(recordings.size()));
      Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
      Path file = dir.resolve("case.jsonl");
      Files.write(file, m.apply(bytes.get(original), random));
      long[] t = tally.computeIfAbsent(m.name(), k -> new long[5]);
      t[0]++;
      String what = "case " + i + " (" + m + " of " + original.getFileName() + ", seed " + seed + ")";
      try {
        Replayer.Result result = new Replayer(pack, config).replay(file);
        if (result.damage().damaged()) {
          t[2]++;
          result.damage().lines().stream().filter(l -> !l.startsWith(file.toString())).findFirst()
              .ifPresent(l -> failures.add(what + ": a damage line without the file: " + l));
        } else if (result.events().equals(baseline.get(original))) {
          t[3]++;
        } else {
          t[4]++;
          if (m.detectable) {
            failures.add(what + ": different decisions and no damage reported");
          }
        }
      } catch (RecordingException e) {
        t[1]++;
        if (!e.getMessage().matches("(?s)\\Q" + file + "\\E:\\d+: [^\\n]+") || e.getMessage().contains("com.fasterxml")) {
          failures.add(what + ": not one line with the file and line: " + e.getMessage());
        }
      } catch (RuntimeException | StackOverflowError e) {
        failures.add(what + ": " + e);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    StringBuilder report = new StringBuilder("recording campaign: " + cases + " cases, seed " + seed + ", " + millis
        + " ms, " + failures.size() + " failures\n");
    tally.forEach((k, v) -> report.append(String.format("  %-14s %4d cases: %4d refused with their line, %4d flagged "
        + "damaged, %4d decided the same, %4d decided differently unflagged%n", k, v[0], v[1], v[2], v[3], v[4])));
    System.out.println(report);
    assertEquals(List.of(), failures.stream().limit(20).toList(), report.toString());
  }

  /** The ways a recording is damaged; {@code detectable} when the format lets a reader see it. */
  enum Mutation {
    REPEAT_LINE(true) {
      @Override
      List<String> lines(List<String> lines, Random r) {
        int i = 1 + r.nextInt(lines.size() - 1);
        lines.add(1 + r.nextInt(lines.size() - 1), lines.get(i));
        return lines;
      }
    },
    MOVE_LINE(true) {
      @Override
      List<String> lines(List<String> lines, Random r) {
        String line = lines.remove(1 + r.nextInt(lines.size() - 1));
        lines.add(1 + r.nextInt(lines.size()), line);
        return lines;
      }
    },
    SWAP_LINES(true) {
      @Override
      List<String> lines(List<String> lines, Random r) {
        int a = 1 + r.nextInt(lines.size() - 1);
        int b = 1 + r.nextInt(lines.size() - 1);
        String x = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, x);
        return lines;
      }
    },
    CUT_MID_LINE(true) {
      @Override
      byte[] apply(byte[] in, Random r) {
        int cut = 1 + r.nextInt(in.length - 1);
        while (cut < in.length && (in[cut - 1] == '\n' || in[cut] == '\n')) {
          cut--; // not at a line's end: a cut there leaves a well-formed, shorter recording
        }
        return Arrays.copyOf(in, Math.max(1, cut));
      }
    },
    DELETE_LINE(false) {
      @Override
      List<String> lines(List<String> lines, Random r) {
        lines.remove(1 + r.nextInt(lines.size() - 1));
        return lines;
      }
    },
    FLIP_BYTE(false) {
      @Override
      byte[] apply(byte[] in, Random r) {
        byte[] out = in.clone();
        int at = r.nextInt(out.length);
        out[at] ^= (byte) (1 << r.nextInt(7));
        return out;
      }
    };

    final boolean detectable;

    Mutation(boolean detectable) {
      this.detectable = detectable;
    }

    List<String> lines(List<String> lines, Random r) {
      return lines;
    }

    byte[] apply(byte[] in, Random r) {
      List<String> lines = new ArrayList<>(Arrays.asList(new String(in, StandardCharsets.UTF_8).split("\n")));
      return (String.join("\n", lines(lines, r)) + "\n").getBytes(StandardCharsets.UTF_8);
    }
  }
}
