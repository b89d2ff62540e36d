package dev.medic.simulator;

/**
 * The first line of a recording. See {@code docs/recording-format.md}: this is a public format, kept readable for
 * years, so fields are only ever added.
 *
 * @param format always {@value #FORMAT}
 * @param version the format version; a reader refuses versions newer than it knows
 * @param host the recording host's name
 * @param kernel the kernel release ({@code uname -r})
 * @param startedAt epoch milliseconds when recording started
 * @param intervalMs the sweep interval
 * @param medicPid the recording Medic's pid, so a replay protects the same process
 */
public record RecordingHeader(
    String format, int version, String host, String kernel, long startedAt, long intervalMs, int medicPid) {

  public static final String FORMAT = "medic-recording";
  public static final int VERSION = 1;
}
