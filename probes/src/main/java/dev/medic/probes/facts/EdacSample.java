package dev.medic.probes.facts;

/**
 * Memory error counters of one memory controller from {@code /sys/devices/system/edac/mc/mc<N>/} (the guide's
 * faulty-RAM suspicion). Only on hosts with EDAC drivers loaded.
 *
 * @param controller {@code mc0}, {@code mc1}…
 * @param correctable ce_count since boot: corrected errors (a rising count predicts failure)
 * @param uncorrectable ue_count since boot
 * @param newCorrectable correctable errors since the previous sweep (null on the first)
 * @param newUncorrectable uncorrectable errors since the previous sweep (null on the first)
 */
@Key("controller")
public record EdacSample(
    long timestamp, String controller, long correctable, long uncorrectable, Long newCorrectable,
    Long newUncorrectable)
    implements Fact {

  public static final String TYPE = "edac";

  @Override
  public String type() {
    return TYPE;
  }
}
