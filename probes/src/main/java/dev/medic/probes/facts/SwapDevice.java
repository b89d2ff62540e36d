package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;
import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * One swap area from {@code /proc/swaps} (the guide's {@code swapon --show}).
 *
 * @param device the file or partition
 * @param kind {@code partition} or {@code file}
 * @param size bytes
 * @param used bytes
 * @param usedPercent used as a percentage of size
 * @param priority higher is used first
 */
@Key("device")
public record SwapDevice(
    long timestamp, String device, String kind, @Kind(BYTES) long size, @Kind(BYTES) long used,
    @Kind(PERCENT) double usedPercent, int priority)
    implements Fact {

  public static final String TYPE = "swap";

  @Override
  public String type() {
    return TYPE;
  }
}
