package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;

/**
 * The sysctls the guide tunes or that explain the kernel's memory behaviour, from {@code /proc/sys/vm/}. Null when
 * the file is missing.
 *
 * @param swappiness {@code vm.swappiness}: 0..200 (100 before 5.8), default 60; lower keeps more in RAM
 * @param overcommitMemory {@code vm.overcommit_memory}: 0 heuristic, 1 always, 2 strict (CommitLimit applies)
 * @param minFree {@code vm.min_free_kbytes} in bytes
 * @param panicOnOom {@code vm.panic_on_oom}: non-zero panics instead of killing
 */
public record VmSettings(
    long timestamp, Integer swappiness, Integer overcommitMemory, @Kind(BYTES) Long minFree, Integer panicOnOom)
    implements Fact {

  public static final String TYPE = "vm";

  @Override
  public String type() {
    return TYPE;
  }
}
