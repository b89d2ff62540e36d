package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small, defensive readers for {@code <procDir>/<pid>/*}, shared by the builtin actions. */
final class ProcFiles {

  /**
   * The fields of {@code /proc/<pid>/stat} the actions need.
   *
   * @param startTime field 22, clock ticks after boot: tells a process from a later one that reused its pid
   *     ({@code -1} when the line is too short, as in hand-written fixtures)
   */
  record Stat(int pid, String comm, char state, int ppid, long startTime) {

    /** Zombie ({@code Z}) or dead ({@code X}): it has exited and holds no memory, only a pid. */
    boolean exited() {
      return state == 'Z' || state == 'X';
    }
  }

  private ProcFiles() {}

  /** Clock ticks per second of {@code stat}'s starttime: 100 on every Linux build Medic runs on (as the probes). */
  static final long CLK_TCK = 100;

  /**
   * When the process started, epoch milliseconds: boot time ({@code btime} in {@code <procDir>/stat}) plus its
   * starttime, computed exactly as the probes compute {@code ProcessSample.startTime}; empty when unreadable.
   */
  static Optional<Long> startTimeMillis(Path procDir, int pid) {
    Optional<Stat> stat = stat(procDir, pid);
    if (stat.isEmpty() || stat.get().startTime() < 0) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(procDir.resolve("stat"), StandardCharsets.UTF_8)) {
        if (line.startsWith("btime ")) {
          long btime = Long.parseLong(line.substring(6).trim());
          return Optional.of(btime * 1000 + stat.get().startTime() * 1000 / CLK_TCK);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no boot time: the start cannot be told
    }
    return Optional.empty();
  }

  /**
   * True when the pid now belongs to another process than the one the plan sampled (the planned one exited and
   * the kernel handed its pid to a newcomer). False when unknown: no expected start, or nothing readable.
   */
  static boolean reused(ActionContext ctx) {
    if (ctx.expectedStart() == null) {
      return false;
    }
    return startTimeMillis(ctx.procDir(), ctx.pid()).map(actual -> Math.abs(actual - ctx.expectedStart()) > 20)
        .orElse(false);
  }

  /** The result for a pid that now names another process: the planned one is gone, and nothing is done. */
  static ActionResult reusedResult(ActionContext ctx) {
    return new ActionResult(ActionResult.Status.TARGET_GONE, "pid " + ctx.pid() + " now belongs to another "
        + "process than the one planned for (a later start time): left alone", List.of());
  }

  /** The process's stat line, or empty when it is gone or the line cannot be parsed. */
  static Optional<Stat> stat(Path procDir, int pid) {
    try {
      byte[] raw = Files.readAllBytes(procDir.resolve(Integer.toString(pid)).resolve("stat"));
      return Optional.of(parseStat(new String(raw, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a stat line. {@code comm} (field 2) is in parentheses and may itself contain spaces and {@code )},
   * so the numeric fields are taken after the LAST {@code )}.
   */
  static Stat parseStat(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a stat line: " + line);
    }
    String[] rest = line.substring(close + 1).trim().split(" +");
    if (rest.length < 2 || rest[0].length() != 1) {
      throw new IllegalArgumentException("not a stat line: " + line);
    }
    long startTime = rest.length > 19 ? Long.parseLong(rest[19]) : -1;
    return new Stat(Integer.parseInt(line.substring(0, open).trim()), line.substring(open + 1, close),
        rest[0].charAt(0), Integer.parseInt(rest[1]), startTime);
  }

  /**
   * Field {@code n} of a stat line as a number, numbered as in proc(5): 4 = ppid, 9 = flags, 10 = minflt,
   * 12 = majflt, 22 = starttime. Like {@link #parseStat} it counts from the LAST {@code )}, so a {@code comm}
   * holding spaces or parentheses cannot shift the fields.
   *
   * @throws IllegalArgumentException if the line is not a stat line, is too short, or the field is not a number
   */
  static long statField(String line, int n) {
    if (n < 4) {
      throw new IllegalArgumentException("stat field " + n + " is not numeric");
    }
    int close = line.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a stat line: " + line);
    }
    String[] rest = line.substring(close + 1).trim().split(" +");
    if (rest.length <= n - 3) {
      throw new IllegalArgumentException("stat line has no field " + n + ": " + line);
    }
    return Long.parseLong(rest[n - 3]);
  }

  /**
   * The number after {@code key:} in a {@code /proc/<pid>/status} text ({@code VmRSS:   1234 kB} gives 1234), or
   * -1 when the line is missing (kernel threads and zombies have no {@code Vm*} lines) or not a number.
   */
  static long statusNumber(String status, String key) {
    String prefix = key + ":";
    for (String line : status.split("\n")) {
      if (line.startsWith(prefix)) {
        String[] words = line.substring(prefix.length()).trim().split("\\s+");
        try {
          return Long.parseLong(words[0]);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** {@link #oneLine} and every other control character as {@code \xNN}: for text that goes into tables. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** True while the pid exists and has not exited (a zombie counts as gone: there is nothing left to act on). */
  static boolean alive(Path procDir, int pid) {
    return stat(procDir, pid).filter(s -> !s.exited()).isPresent();
  }

  /** A NUL-separated command line as one line: NULs become spaces, newlines are escaped. */
  static String cmdline(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    return oneLine(text);
  }

  static String oneLine(String s) {
    return s.replace("\n", "\\n").replace("\r", "\\r");
  }

  /** A short reason for an I/O error, without the path repeated. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /**
   * Runs {@code work} on its own daemon thread and gives up after {@code timeout}. Reading a process's
   * {@code cmdline}, {@code environ} or {@code smaps} takes its memory-map lock, and a process thrashing under
   * memory pressure (exactly Medic's target) can hold that lock for a long time; a stuck read is abandoned,
   * not waited for.
   */
  static <T> T withTimeout(Duration timeout, Callable<T> work)
      throws IOException, InterruptedException, TimeoutException {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, "medic-proc-read");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      task.cancel(true);
    }
  }
}
