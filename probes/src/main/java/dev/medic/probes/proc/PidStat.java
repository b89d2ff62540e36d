package dev.medic.probes.proc;

import dev.medic.probes.internal.KernelFiles;
import dev.medic.probes.internal.KernelFormatException;

/**
 * The fields Medic needs from {@code /proc/<pid>/stat}; see proc_pid_stat(5).
 *
 * <p>comm sits between the first {@code (} and the LAST {@code )} and may itself hold spaces, parentheses and
 * newlines (a process chooses its own name), so the numeric fields are counted only after the last {@code )}.
 *
 * @param flags field 9, the task's PF_* flags
 * @param startTicks field 22, starttime: clock ticks after boot when the process started; null when the line
 *     ends before it. Fixed for the process's life, so (pid, startTicks) tells a reused pid from the old process.
 */
record PidStat(int pid, String comm, String state, int ppid, long flags, Long startTicks) {

  /** include/linux/sched.h: set for kernel threads, which have no user memory to measure or kill. */
  static final long PF_KTHREAD = 0x00200000L;

  /**
   * sysconf(_SC_CLK_TCK), the USER_HZ unit of starttime. Java cannot call sysconf without native code; USER_HZ is
   * 100 in the ABI of every architecture Medic runs on (x86, arm, arm64, ppc, s390, riscv) whatever the kernel's
   * internal HZ. Only alpha and ia64 used 1024, and both are gone from current kernels.
   */
  static final long CLK_TCK = 100;

  /** Index of starttime among the fields after the last ')' (state is field 3, index 0). */
  private static final int START_TIME = 22 - 3;

  boolean kernelThread() {
    return (flags & PF_KTHREAD) != 0;
  }

  /** Zombies (and tasks already past exit) keep a /proc entry but no memory map. */
  boolean exited() {
    return state.equals("Z") || state.equals("X");
  }

  /** When the process started, epoch ms, given the boot time in epoch ms; null when either is unknown. */
  Long startMillis(Long bootMillis) {
    if (bootMillis == null || startTicks == null) {
      return null;
    }
    return bootMillis + startTicks * 1000 / CLK_TCK; // parse keeps startTicks small enough not to overflow
  }

  static PidStat parse(String content) throws KernelFormatException {
    int open = content.indexOf('(');
    int close = content.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new KernelFormatException("stat has no (comm): '" + KernelFiles.abbreviate(content) + "'");
    }
    // after ')' come fields 3.. : state, ppid, pgrp, session, tty_nr, tpgid, flags, … starttime (22)
    String[] fields = content.substring(close + 1).trim().split("\\s+");
    Integer pid = toInt(KernelFiles.parseLongOrNull(content.substring(0, open).trim()));
    Integer ppid = fields.length >= 7 ? toInt(KernelFiles.parseLongOrNull(fields[1])) : null;
    Long flags = fields.length >= 7 ? KernelFiles.parseLongOrNull(fields[6]) : null;
    // the state is one letter (R, S, D, Z, T, t, X, I…): a digit there means a stray ')' shifted the fields
    if (pid == null || pid <= 0 || ppid == null || ppid < 0 || flags == null || fields[0].length() != 1
        || !Character.isLetter(fields[0].charAt(0))) {
      throw new KernelFormatException("stat is truncated or garbled: '" + KernelFiles.abbreviate(content) + "'");
    }
    Long startTicks = null;
    if (fields.length > START_TIME) {
      startTicks = KernelFiles.parseLongOrNull(fields[START_TIME]);
      // ticks since boot: negative, or past ~2.9 million years of uptime (where ms would overflow), is garbage
      if (startTicks == null || startTicks < 0 || startTicks > Long.MAX_VALUE / 1000 / 2) {
        throw new KernelFormatException("stat has a bad starttime: '" + KernelFiles.abbreviate(content) + "'");
      }
    }
    return new PidStat(pid, content.substring(open + 1, close), fields[0], ppid, flags, startTicks);
  }

  /** pid_t is a 32-bit int: a larger number is a garbled line, not a reason to throw ArithmeticException. */
  private static Integer toInt(Long value) {
    return value == null || value != value.intValue() ? null : value.intValue();
  }
}
