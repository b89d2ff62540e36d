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
 */
record PidStat(int pid, String comm, String state, int ppid, long flags) {

  /** include/linux/sched.h: set for kernel threads, which have no user memory to measure or kill. */
  static final long PF_KTHREAD = 0x00200000L;

  boolean kernelThread() {
    return (flags & PF_KTHREAD) != 0;
  }

  /** Zombies (and tasks already past exit) keep a /proc entry but no memory map. */
  boolean exited() {
    return state.equals("Z") || state.equals("X");
  }

  static PidStat parse(String content) throws KernelFormatException {
    int open = content.indexOf('(');
    int close = content.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new KernelFormatException("stat has no (comm): '" + KernelFiles.abbreviate(content) + "'");
    }
    // after ')' come fields 3.. : state, ppid, pgrp, session, tty_nr, tpgid, flags
    String[] fields = content.substring(close + 1).trim().split("\\s+");
    Long pid = KernelFiles.parseLongOrNull(content.substring(0, open).trim());
    Long ppid = fields.length >= 7 ? KernelFiles.parseLongOrNull(fields[1]) : null;
    Long flags = fields.length >= 7 ? KernelFiles.parseLongOrNull(fields[6]) : null;
    if (pid == null || ppid == null || flags == null || fields[0].length() != 1) {
      throw new KernelFormatException("stat is truncated or garbled: '" + KernelFiles.abbreviate(content) + "'");
    }
    return new PidStat(
        Math.toIntExact(pid), content.substring(open + 1, close), fields[0], Math.toIntExact(ppid), flags);
  }
}
