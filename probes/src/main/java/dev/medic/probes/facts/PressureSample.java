package dev.medic.probes.facts;

/**
 * Pressure stall information from {@code /proc/pressure/<resource>}.
 *
 * <p>The kernel's averages are percentages of wall time over 10, 60 and 300 seconds and update every 2 s, so
 * avg10 lags a sudden stall by seconds. {@code someNow} and {@code fullNow} are computed by the reader from the
 * growth of the cumulative {@code total} (microseconds stalled) between two reads; they are null on the first
 * read.
 *
 * @param resource {@code memory}, {@code cpu} or {@code io}
 * @param fullAvg10 null where the kernel prints no {@code full} line (cpu before 5.13)
 */
public record PressureSample(
    long timestamp,
    String resource,
    double someAvg10,
    double someAvg60,
    double someAvg300,
    Double someNow,
    Double fullAvg10,
    Double fullAvg60,
    Double fullAvg300,
    Double fullNow)
    implements Fact {

  public static final String TYPE = "pressure";

  @Override
  public String type() {
    return TYPE;
  }
}
