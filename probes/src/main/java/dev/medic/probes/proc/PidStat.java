package dev.medic.probes.proc;

import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.internal.KernelText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The fields Medic needs from {@code /proc/<pid>/stat}; see proc_pid_stat(5).
 *
 * <p>comm sits between the first {@code (} and the LAST {@code )} and may itself hold spaces, parentheses and
 * newlines (a process chooses its own name), so the numeric fields are counted only after the last {@code )}.
 *
 * <p>Public for the actions, which read one process's identity on demand ({@link #read}, {@link ProcessIdentity});
 * the sweep reads every process through {@link ProcessReader}.
 *
 * @param flags field 9, the task's PF_* flags
 * @param minorFaults field 10, minflt: minor page faults so far; null when the line ends before it or it is garbled
 * @param majorFaults field 12, majflt: major page faults so far (pages read from disk); null as minorFaults
 * @param startTicks field 22, starttime: clock ticks after boot when the process started; null when the line
 *     ends before it. Fixed for the process's life, so (pid, startTicks) tells a reused pid from the old process.
 */
public record PidStat(
    int pid, String comm, String state, int ppid, long flags, Long minorFaults, Long majorFaults,
    Long startTicks) {

  /** include/linux/sched.h: set for kernel threads, which have no user memory to measure or kill. */
  static final long PF_KTHREAD = 0x00200000L;

  /**
   * sysconf(_SC_CLK_TCK), the USER_HZ unit of starttime. Java cannot call sysconf without native code; USER_HZ is
   * 100 in the ABI of every architecture Medic runs on (x86, arm, arm64, ppc, s390, riscv) whatever the kernel's
   * internal HZ. Only alpha and ia64 used 1024, and both are gone from current kernels.
   */
  static final long CLK_TCK = 100;

  /** Indexes of minflt and majflt among the fields after the last ')'. */
  private static final int MINOR_FAULTS = 10 - 3;
  private static final int MAJOR_FAULTS = 12 - 3;

  /** Index of starttime among the fields after the last ')' (state is field 3, index 0). */
  private static final int START_TIME = 22 - 3;

  /** One-letter states by ASCII code, null for what is not a letter. */
  private static final String[] STATES = new String[128];

  static {
    for (char c = 0; c < STATES.length; c++) {
      STATES[c] = Character.isLetter(c) ? String.valueOf(c) : null;
    }
  }

  /** Whether the task is a kernel thread (PF_KTHREAD): no user memory, nothing to kill or signal. */
  public boolean kernelThread() {
    return (flags & PF_KTHREAD) != 0;
  }

  /** Zombies (and tasks already past exit) keep a /proc entry but no memory map. */
  public boolean exited() {
    return state.equals("Z") || state.equals("X");
  }

  /** Whether the process has user memory to measure: kernel threads and zombies have none. */
  boolean hasMemoryMap() {
    return !kernelThread() && !exited();
  }

  /** When the process started, epoch ms, given the boot time in epoch ms; null when either is unknown. */
  public Long startMillis(Long bootMillis) {
    if (bootMillis == null || startTicks == null) {
      return null;
    }
    return bootMillis + startTicks * 1000 / CLK_TCK; // parse keeps startTicks small enough not to overflow
  }

  /**
   * {@code <root>/proc/<pid>/stat}.
   *
   * @throws IOException when it cannot be read (the process is gone, most often: see {@link KernelFiles#isGone})
   * @throws KernelFormatException when it is not a stat line
   */
  public static PidStat read(HostRoot root, int pid) throws IOException, KernelFormatException {
    byte[] b = KernelFiles.readBytes(root.pid(pid).resolve("stat"));
    return parse(b, b.length);
  }

  static PidStat parse(String content) throws KernelFormatException {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return parse(b, b.length);
  }

  /** From the bytes {@code b[0, length)} of the file: the fields are found in place, only comm becomes a String. */
  static PidStat parse(byte[] b, int length) throws KernelFormatException {
    int open = KernelText.indexOf(b, 0, length, '(');
    int close = KernelText.lastIndexOf(b, 0, length, ')');
    if (open < 0 || close < open) {
      throw garbled("stat has no (comm)", b, length);
    }
    // after ')' come fields 3.. : state, ppid, pgrp, session, tty_nr, tpgid, flags, … starttime (22), found as
    // split("\\s+") of the trimmed rest would find them
    int[] starts = new int[START_TIME + 1];
    int[] ends = new int[START_TIME + 1];
    int end = KernelText.trimTo(b, close + 1, length);
    int fields = 0;
    for (int i = KernelText.trimFrom(b, close + 1, end); i < end && fields <= START_TIME; fields++) {
      starts[fields] = i;
      while (i < end && !KernelText.isSpace(b[i])) {
        i++;
      }
      ends[fields] = i;
      while (i < end && KernelText.isSpace(b[i])) {
        i++;
      }
    }
    long pid = KernelText.parseTrimmedLong(b, 0, open);
    long ppid = fields >= 7 ? KernelText.parseLong(b, starts[1], ends[1]) : KernelText.NOT_A_NUMBER;
    long flags = fields >= 7 ? KernelText.parseLong(b, starts[6], ends[6]) : KernelText.NOT_A_NUMBER;
    String state = fields >= 7 ? state(b, starts[0], ends[0]) : null;
    // the state is one letter (R, S, D, Z, T, t, X, I…): a digit there means a stray ')' shifted the fields
    if (pid <= 0 || pid > Integer.MAX_VALUE || ppid < 0 || ppid > Integer.MAX_VALUE
        || flags == KernelText.NOT_A_NUMBER || state == null) {
      throw garbled("stat is truncated or garbled", b, length);
    }
    Long startTicks = null;
    if (fields > START_TIME) {
      long ticks = KernelText.parseLong(b, starts[START_TIME], ends[START_TIME]);
      // ticks since boot: negative, or past ~2.9 million years of uptime (where ms would overflow), is garbage
      if (ticks < 0 || ticks > Long.MAX_VALUE / 1000 / 2) {
        throw garbled("stat has a bad starttime", b, length);
      }
      startTicks = ticks;
    }
    Long minorFaults = fields > MINOR_FAULTS ? KernelText.boxed(KernelText.parseLong(b, starts[MINOR_FAULTS],
        ends[MINOR_FAULTS])) : null;
    Long majorFaults = fields > MAJOR_FAULTS ? KernelText.boxed(KernelText.parseLong(b, starts[MAJOR_FAULTS],
        ends[MAJOR_FAULTS])) : null;
    return new PidStat((int) pid, KernelText.string(b, open + 1, close), state, (int) ppid, flags, minorFaults,
        majorFaults, startTicks);
  }

  /** The state field when it is one letter, else null; the ASCII letters from a table, not a String per process. */
  private static String state(byte[] b, int from, int to) {
    if (to - from == 1 && b[from] >= 0) {
      return STATES[b[from]];
    }
    String text = KernelText.string(b, from, to); // a non-ASCII letter passes, as it did when this parsed a String
    return text.length() == 1 && Character.isLetter(text.charAt(0)) ? text : null;
  }

  private static KernelFormatException garbled(String what, byte[] b, int length) {
    return new KernelFormatException(what + ": '" + KernelFiles.abbreviate(KernelText.string(b, 0, length)) + "'");
  }
}
