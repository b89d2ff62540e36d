package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * The host's open-file table, from {@code /proc/sys/fs/file-nr} (allocated, free, max): near max, every
 * {@code open()} and {@code accept()} on the host fails with ENFILE. A per-process limit (EMFILE) is in
 * {@link ProcessLimits}.
 *
 * @param allocated file handles allocated (first field of file-nr), count
 * @param max the most the kernel allocates ({@code fs.file-max}, third field), count
 * @param usedPercent allocated as a percentage of max
 */
public record FilesSample(long timestamp, long allocated, long max, @Kind(PERCENT) double usedPercent) implements Fact {

  public static final String TYPE = "files";

  @Override
  public String type() {
    return TYPE;
  }
}
