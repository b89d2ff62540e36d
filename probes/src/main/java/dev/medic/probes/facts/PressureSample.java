package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.PERCENT;

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
@Key("resource")
public record PressureSample(
    long timestamp,
    String resource,
    @Kind(PERCENT) double someAvg10,
    @Kind(PERCENT) double someAvg60,
    @Kind(PERCENT) double someAvg300,
    @Kind(PERCENT) Double someNow,
    @Kind(PERCENT) Double fullAvg10,
    @Kind(PERCENT) Double fullAvg60,
    @Kind(PERCENT) Double fullAvg300,
    @Kind(PERCENT) Double fullNow)
    implements Fact {

  public static final String TYPE = "pressure";

  @Override
  public String type() {
    return TYPE;
  }
}
