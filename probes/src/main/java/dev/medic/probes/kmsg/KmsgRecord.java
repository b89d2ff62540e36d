package dev.medic.probes.kmsg;

import java.util.Optional;

/**
 * One record of the kernel log as {@code /dev/kmsg} returns it ({@code Documentation/ABI/testing/dev-kmsg}):
 *
 * <pre>
 * 3,1699,7208057400,-;Out of memory: Killed process 9277 (tail) total-vm:783724kB, …
 *  SUBSYSTEM=…
 * </pre>
 *
 * <p>The header is {@code prio,seq,usec,flags[,more…]}; newer kernels may append fields (a caller id), which are
 * ignored. The kernel escapes control characters and non-ASCII bytes in the text as {@code \xNN}, so the message
 * is the first line; the dictionary lines that follow (each starting with a space) are dropped because no fact
 * needs them.
 *
 * @param priority the syslog level, 0 emergency … 7 debug (the facility bits are stripped: {@code prio & 7})
 * @param sequence the kernel's record number, gap-free unless records were overwritten; -1 when unknown (a
 *     record that came through journalctl)
 * @param monotonicMicros microseconds since boot on the kernel's clock, which does not advance while suspended
 * @param message the record's text without the trailing newline
 * @param facility the syslog facility ({@code prio >> 3}): {@value #KERNEL} for the kernel's own records. A process
 *     that writes {@code /dev/kmsg} gets {@code LOG_USER} (1) or the facility it names, never 0 (the kernel
 *     refuses it), so the facility tells a kernel OOM kill from a forged line; a journal entry that did not come
 *     from the kernel transport counts as {@value #USER}
 */
public record KmsgRecord(int priority, long sequence, long monotonicMicros, String message, int facility) {

  /** The kernel's facility: the only one whose records become facts. */
  public static final int KERNEL = 0;
  /** LOG_USER: what a write to {@code /dev/kmsg} from user space is logged as. */
  public static final int USER = 1;

  /** A record of the kernel's own facility. */
  public KmsgRecord(int priority, long sequence, long monotonicMicros, String message) {
    this(priority, sequence, monotonicMicros, message, KERNEL);
  }

  /** Logged by the kernel itself, not written to the log by a process. */
  public boolean fromKernel() {
    return facility == KERNEL;
  }

  /**
   * Parses one raw record (header, {@code ;}, text, optional dictionary lines). Empty when the record is garbled
   * (no {@code ;}, fewer than four header fields, a non-numeric or negative number); the caller counts it, which
   * keeps this method pure.
   */
  public static Optional<KmsgRecord> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    int semicolon = raw.indexOf(';');
    if (semicolon < 0) {
      return Optional.empty();
    }
    String[] header = raw.substring(0, semicolon).split(",", -1);
    if (header.length < 4 || header[3].isEmpty()) {
      return Optional.empty();
    }
    long prio = parseNonNegative(header[0]);
    long seq = parseNonNegative(header[1]);
    long usec = parseNonNegative(header[2]);
    if (prio < 0 || seq < 0 || usec < 0) {
      return Optional.empty();
    }
    String body = raw.substring(semicolon + 1);
    int newline = body.indexOf('\n');
    String message = newline < 0 ? body : body.substring(0, newline);
    return Optional.of(new KmsgRecord((int) (prio & 7), seq, usec, message, (int) Math.min(prio >> 3, 1 << 20)));
  }

  /** The value, or -1 when it is not a plain non-negative decimal (a sign or blank is garbling). */
  private static long parseNonNegative(String field) {
    if (field.isEmpty() || field.length() > 18) {
      return -1;
    }
    for (int i = 0; i < field.length(); i++) {
      if (field.charAt(i) < '0' || field.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(field);
  }
}
