package dev.medic.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionRegistry;
import dev.medic.engine.runbook.Echo;
import dev.medic.engine.runbook.Problem;
import dev.medic.engine.runbook.RunbookException;
import dev.medic.engine.runbook.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded campaign of mutated inputs: every shipped runbook and {@code config/medic.yaml}, damaged in the ways an
 * editor, a disk or an attacker damages files (bytes flipped, lines deleted or repeated, the file cut, anchors and
 * self-referencing aliases, huge numbers, control bytes, deep nesting, long values, keys appended twice), then
 * loaded. Every case must end within {@value #CASE_MILLIS} ms either loaded or with problems that are each one
 * bounded line at {@code file:line:column}, with no stack trace, no parser or class name and no other exception.
 *
 * <p>{@code -Dmedic.campaign.cases=N} runs N cases instead of {@value #DEFAULT_CASES} (a soak run);
 * {@code -Dmedic.campaign.seed=S} replays another sequence. See {@code docs/reliability.md}.
 */
class MutatedInputCampaignTest {

  static final int DEFAULT_CASES = 1500;
  static final long CASE_MILLIS = 5000;
  /** The longest error line: the message bound plus the file name and position. */
  static final int LINE_BOUND = Echo.MAX_LINE + 200;

  @TempDir
  Path dir;

  private final RunbookLoader loader = new RunbookLoader(ActionRegistry.builtin());

  @Test
  void mutatedRunbooksAndConfigsGiveOneBoundedLinePerProblem() throws Exception {
    int cases = Integer.getInteger("medic.campaign.cases", DEFAULT_CASES);
    long seed = Long.getLong("medic.campaign.seed", 20261204L);
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("../runbooks"))) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(inputs::add);
    }
    inputs.add(Path.of("../config/medic.yaml"));
    Map<String, byte[]> originals = new TreeMap<>();
    for (Path p : inputs) {
      originals.put(p.toString(), Files.readAllBytes(p));
    }
    Random random = new Random(seed);
    Map<String, long[]> byMutation = new TreeMap<>(); // name -> {cases, loaded, refused, milliseconds, slowest}
    List<String> failures = new ArrayList<>();
    long slowest = 0;
    long started = System.nanoTime();
    for (int i = 0; i < cases; i++) {
      Path input = inputs.get(random.nextInt(inputs.size()));
      Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
      byte[] mutated = m.apply(originals.get(input.toString()), random);
      boolean config = input.getFileName().toString().equals("medic.yaml");
      Path file = dir.resolve(config ? "medic.yaml" : "case.yaml");
      Files.write(file, mutated);
      String what = "case " + i + " (" + m + " of " + input.getFileName() + ", seed " + seed + ")";
      long t0 = System.nanoTime();
      List<String> lines;
      try {
        lines = config ? configLines(file) : runbookLines(file);
      } catch (Throwable t) { // the point of the campaign: nothing escapes as an exception
        failures.add(what + ": " + t);
        continue;
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      slowest = Math.max(slowest, millis);
      if (millis > CASE_MILLIS) {
        failures.add(what + ": took " + millis + " ms");
      }
      long[] counts = byMutation.computeIfAbsent(m.name(), k -> new long[5]);
      counts[0]++;
      counts[lines.isEmpty() ? 1 : 2]++;
      counts[3] += millis;
      counts[4] = Math.max(counts[4], millis);
      for (String line : lines) {
        problemsIn(what, line).forEach(failures::add);
      }
    }
    long total = (System.nanoTime() - started) / 1_000_000;
    StringBuilder report = new StringBuilder("campaign: " + cases + " cases, seed " + seed + ", " + total
        + " ms, slowest case " + slowest + " ms, " + failures.size() + " failures\n");
    byMutation.forEach((k, v) -> report.append(String.format("  %-16s %5d cases, %5d loaded, %5d refused, %6d ms in all,"
        + " slowest %5d ms%n", k, v[0], v[1], v[2], v[3], v[4])));
    failures.stream().limit(5).forEach(f -> report.append("  ").append(f).append('\n'));
    System.out.println(report);
    assertEquals(List.of(), failures.stream().limit(20).toList(), report.toString());
  }

  private static final java.util.regex.Pattern POSITIONED = java.util.regex.Pattern.compile("^[^\\n]*?:\\d+:\\d+: \\S");

  /** What is wrong with one error line, if anything. */
  static List<String> problemsIn(String what, String line) {
    List<String> out = new ArrayList<>();
    if (!POSITIONED.matcher(line).find()) {
      out.add(what + ": no file:line:column: " + Echo.of(line));
    }
    if (line.length() > LINE_BOUND) {
      out.add(what + ": a line of " + line.length() + " characters");
    }
    if (line.contains("\n") || line.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      out.add(what + ": a control character in: " + Echo.of(line));
    }
    for (String leak : List.of("com.fasterxml", "org.yaml", "Exception", "java.", "\tat ")) {
      if (line.contains(leak)) {
        out.add(what + ": leaks '" + leak + "': " + Echo.of(line));
      }
    }
    return out;
  }

  private List<String> runbookLines(Path file) {
    try {
      loader.loadAll(List.of(file));
      return List.of();
    } catch (RunbookException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
  }

  private static List<String> configLines(Path file) {
    try {
      MedicConfig.load(file);
      return List.of();
    } catch (MedicConfig.ConfigException e) {
      assertTrue(!e.getMessage().isEmpty());
      return e.getMessage().lines().toList();
    }
  }

  /** The ways a file is damaged. */
  enum Mutation {
    FLIP_BYTE {
      @Override
      byte[] apply(byte[] in, Random r) {
        byte[] out = in.clone();
        for (int n = 1 + r.nextInt(3); n > 0 && out.length > 0; n--) {
          out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
      }
    },
    DELETE_LINE {
      @Override
      byte[] apply(byte[] in, Random r) {
        List<String> lines = lines(in);
        if (!lines.isEmpty()) {
          lines.remove(r.nextInt(lines.size()));
        }
        return join(lines);
      }
    },
    DUPLICATE_LINE {
      @Override
      byte[] apply(byte[] in, Random r) {
        List<String> lines = lines(in);
        int i = r.nextInt(lines.size());
        lines.add(r.nextBoolean() ? i : lines.size(), lines.get(i));
        return join(lines);
      }
    },
    TRUNCATE {
      @Override
      byte[] apply(byte[] in, Random r) {
        return Arrays.copyOf(in, r.nextInt(in.length + 1));
      }
    },
    ALIAS {
      @Override
      byte[] apply(byte[] in, Random r) {
        List<String> lines = lines(in);
        String[] forms = {"x: &a [*a]", "when: &w {all: [*w]}", "guards: &g {cooldown: *g}", "a: &b {b: *b}",
            "runbooks: &r [*r, *r]", "tags: [*nothing]", "k: &l [a, b]\nk2: [*l, *l, *l, *l, *l, *l, *l, *l, *l, *l, *l]"};
        lines.add(r.nextInt(lines.size() + 1), forms[r.nextInt(forms.length)]);
        return join(lines);
      }
    },
    BILLION_LAUGHS {
      @Override
      byte[] apply(byte[] in, Random r) {
        StringBuilder y = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
          y.append("l").append(i).append(": &l").append(i).append(" [");
          y.append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (i - 1)))).append("]\n");
        }
        return (new String(in, StandardCharsets.UTF_8) + y).getBytes(StandardCharsets.UTF_8);
      }
    },
    HUGE_NUMBER {
      @Override
      byte[] apply(byte[] in, Random r) {
        String s = new String(in, StandardCharsets.UTF_8);
        String huge = "9".repeat(20 + r.nextInt(400));
        List<int[]> runs = new ArrayList<>(); // every run of digits outside comments
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^[^#\\n]*?(\\d+)").matcher(s);
        while (m.find()) {
          runs.add(new int[] {m.start(1), m.end(1)});
        }
        if (runs.isEmpty()) {
          return in;
        }
        int[] at = runs.get(r.nextInt(runs.size()));
        return (s.substring(0, at[0]) + (r.nextBoolean() ? huge : huge + ".5e999") + s.substring(at[1]))
            .getBytes(StandardCharsets.UTF_8);
      }
    },
    CONTROL_BYTES {
      @Override
      byte[] apply(byte[] in, Random r) {
        byte[] out = Arrays.copyOf(in, in.length + 4);
        int at = r.nextInt(in.length + 1);
        System.arraycopy(in, at, out, at + 4, in.length - at);
        byte[][] bad = {{0x1b, '[', '2', 'J'}, {0, 0, 0, 0}, {(byte) 0xc3, 0x28, 0x07, 0x7f}, {'\r', 0x0b, 0x0c, 0x08}};
        System.arraycopy(bad[r.nextInt(bad.length)], 0, out, at, 4);
        return out;
      }
    },
    DEEP_NESTING {
      @Override
      byte[] apply(byte[] in, Random r) {
        int depth = 50 + r.nextInt(5000);
        String deep = r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "}".repeat(depth);
        List<String> lines = lines(in);
        lines.add(r.nextInt(lines.size() + 1), (r.nextBoolean() ? "when: " : "deep: ") + deep);
        return join(lines);
      }
    },
    LONG_VALUE {
      @Override
      byte[] apply(byte[] in, Random r) {
        String[] units = {"x", "{{process.pid}}", "{{", "é", "\\e[31m", "a,"};
        String value = units[r.nextInt(units.length)].repeat(r.nextInt(20) == 0 ? 70_000 : 300 + r.nextInt(3000));
        String[] keys = {"summary", "id", "severity", "mode", "interval", "title", "advice"};
        List<String> lines = lines(in);
        lines.add("" + keys[r.nextInt(keys.length)] + ": \"" + value + "\"");
        return join(lines);
      }
    },
    APPENDED_KEYS {
      @Override
      byte[] apply(byte[] in, Random r) {
        String[] tails = {"mode: enforce\napproved: true\n", "approved: yes\n", "approved: 1\n", "approved: \"TRUE\"\n",
            "enabled: on\n", "guards: {cooldown: 99999999999999999999h}\n", "id: again\n", "runbooks: []\n"};
        return (new String(in, StandardCharsets.UTF_8) + "\n" + tails[r.nextInt(tails.length)])
            .getBytes(StandardCharsets.UTF_8);
      }
    };

    abstract byte[] apply(byte[] in, Random r);

    static List<String> lines(byte[] in) {
      return new ArrayList<>(Arrays.asList(new String(in, StandardCharsets.UTF_8).split("\n", -1)));
    }

    static byte[] join(List<String> lines) {
      return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
  }
}
