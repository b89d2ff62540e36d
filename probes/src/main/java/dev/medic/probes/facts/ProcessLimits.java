package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.BYTES;
import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * Resource limits of one process from {@code /proc/<pid>/limits} (the guide's {@code ulimit -a}, per process).
 * Read for the same top processes as PSS. Soft limits (what the process hits first); {@link Long#MAX_VALUE} means
 * unlimited, null means the kernel did not list the limit.
 *
 * @param openFiles Max open files (count)
 * @param openFilesHard the hard ceiling for openFiles
 * @param addressSpace Max address space (bytes)
 * @param dataSize Max data size (bytes)
 * @param residentSet Max resident set (bytes; not enforced by modern kernels)
 * @param processes Max processes (count, per user)
 * @param lockedMemory Max locked memory (bytes)
 * @param openFds the process's open file descriptors (count of {@code /proc/<pid>/fd}, from its process sample);
 *     null when the process table did not count them
 * @param openFdsPercent openFds as a percentage of openFiles (the soft limit, EMFILE); null without either, or
 *     when openFiles is unlimited
 */
@Key("pid")
public record ProcessLimits(
    long timestamp,
    int pid,
    String comm,
    Long openFiles,
    Long openFilesHard,
    @Kind(BYTES) Long addressSpace,
    @Kind(BYTES) Long dataSize,
    @Kind(BYTES) Long residentSet,
    Long processes,
    @Kind(BYTES) Long lockedMemory,
    Integer openFds,
    @Kind(PERCENT) Double openFdsPercent)
    implements Fact {

  public static final String TYPE = "limits";

  @Override
  public String type() {
    return TYPE;
  }
}
