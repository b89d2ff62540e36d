package dev.medic.engine.facts;

import static java.util.Map.entry;

import dev.medic.probes.facts.CgroupSample;
import dev.medic.probes.facts.EdacSample;
import dev.medic.probes.facts.KernelEvent;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.ProcessLimits;
import dev.medic.probes.facts.SwapDevice;
import dev.medic.probes.facts.VmSettings;
import dev.medic.probes.facts.VmstatSample;
import dev.medic.probes.facts.MemorySample;
import dev.medic.probes.facts.PressureSample;
import dev.medic.probes.facts.ProcessSample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fact types and fields runbooks may name. This is the one list the validator, the DRL compiler and the docs
 * agree on; a test checks it against the probe records so a renamed record field cannot slip past.
 */
public final class FactCatalog {

  private static final Map<String, FactType> TYPES = new LinkedHashMap<>();

  static {
    add(new FactType(MemorySample.TYPE, MemorySample.class, Optional.empty(),
        Map.ofEntries(
            entry("total", FieldKind.BYTES), entry("available", FieldKind.BYTES),
            entry("availablePercent", FieldKind.PERCENT), entry("usedPercent", FieldKind.PERCENT),
            entry("swapTotal", FieldKind.BYTES), entry("swapFree", FieldKind.BYTES),
            entry("swapUsedPercent", FieldKind.PERCENT), entry("anon", FieldKind.BYTES),
            entry("shmem", FieldKind.BYTES), entry("committed", FieldKind.BYTES), entry("free", FieldKind.BYTES),
            entry("cached", FieldKind.BYTES), entry("reclaimable", FieldKind.BYTES),
            entry("commitLimit", FieldKind.BYTES), entry("hugePagesTotal", FieldKind.NUMBER),
            entry("hugePagesFree", FieldKind.NUMBER), entry("hugePageSize", FieldKind.BYTES)),
        Set.of("available", "availablePercent", "usedPercent", "anon", "shmem", "committed", "free", "cached",
            "reclaimable", "commitLimit", "hugePagesTotal", "hugePagesFree", "hugePageSize")));
    add(new FactType(PressureSample.TYPE, PressureSample.class, Optional.of("resource"),
        Map.ofEntries(
            entry("resource", FieldKind.TEXT),
            entry("someAvg10", FieldKind.PERCENT), entry("someAvg60", FieldKind.PERCENT),
            entry("someAvg300", FieldKind.PERCENT), entry("someNow", FieldKind.PERCENT),
            entry("fullAvg10", FieldKind.PERCENT), entry("fullAvg60", FieldKind.PERCENT),
            entry("fullAvg300", FieldKind.PERCENT), entry("fullNow", FieldKind.PERCENT)),
        Set.of("someNow", "fullAvg10", "fullAvg60", "fullAvg300", "fullNow")));
    add(new FactType(CgroupSample.TYPE, CgroupSample.class, Optional.of("path"),
        Map.ofEntries(
            entry("path", FieldKind.TEXT), entry("version", FieldKind.NUMBER),
            entry("usage", FieldKind.BYTES), entry("limit", FieldKind.BYTES),
            entry("usagePercent", FieldKind.PERCENT), entry("oomKills", FieldKind.NUMBER),
            entry("underOom", FieldKind.FLAG), entry("high", FieldKind.BYTES),
            entry("swapUsage", FieldKind.BYTES), entry("swapLimit", FieldKind.BYTES),
            entry("newOomKills", FieldKind.NUMBER), entry("newOomEvents", FieldKind.NUMBER),
            entry("anon", FieldKind.BYTES), entry("file", FieldKind.BYTES),
            entry("pressureSomeAvg10", FieldKind.PERCENT), entry("pressureFullAvg10", FieldKind.PERCENT)),
        Set.of("limit", "usagePercent", "oomKills", "underOom", "high", "swapUsage", "swapLimit", "newOomKills",
            "newOomEvents", "anon", "file", "pressureSomeAvg10", "pressureFullAvg10")));
    add(new FactType(ProcessSample.TYPE, ProcessSample.class, Optional.of("pid"),
        Map.ofEntries(
            entry("pid", FieldKind.NUMBER), entry("ppid", FieldKind.NUMBER),
            entry("comm", FieldKind.TEXT), entry("cmdline", FieldKind.TEXT),
            entry("uid", FieldKind.NUMBER), entry("state", FieldKind.TEXT),
            entry("rss", FieldKind.BYTES), entry("swap", FieldKind.BYTES),
            entry("memoryCgroup", FieldKind.TEXT), entry("oomScore", FieldKind.NUMBER),
            entry("oomScoreAdj", FieldKind.NUMBER), entry("pss", FieldKind.BYTES),
            entry("uss", FieldKind.BYTES), entry("kernelThread", FieldKind.FLAG),
            entry("startTime", FieldKind.NUMBER), entry("threads", FieldKind.NUMBER),
            entry("openFds", FieldKind.NUMBER), entry("rssGrowth", FieldKind.BYTES),
            entry("swapPss", FieldKind.BYTES), entry("unit", FieldKind.TEXT), entry("container", FieldKind.TEXT)),
        Set.of("swap", "memoryCgroup", "oomScore", "oomScoreAdj", "pss", "uss", "startTime", "threads", "openFds",
            "rssGrowth", "swapPss", "unit", "container")));
    add(new FactType(ProcessLimits.TYPE, ProcessLimits.class, Optional.of("pid"),
        Map.ofEntries(
            entry("pid", FieldKind.NUMBER), entry("comm", FieldKind.TEXT),
            entry("openFiles", FieldKind.NUMBER), entry("openFilesHard", FieldKind.NUMBER),
            entry("addressSpace", FieldKind.BYTES), entry("dataSize", FieldKind.BYTES),
            entry("residentSet", FieldKind.BYTES), entry("processes", FieldKind.NUMBER),
            entry("lockedMemory", FieldKind.BYTES)),
        Set.of("openFiles", "openFilesHard", "addressSpace", "dataSize", "residentSet", "processes",
            "lockedMemory")));
    add(new FactType(VmstatSample.TYPE, VmstatSample.class, Optional.empty(),
        Map.ofEntries(
            entry("pgscanPerSec", FieldKind.NUMBER), entry("pgscanDirectPerSec", FieldKind.NUMBER),
            entry("swapInPerSec", FieldKind.NUMBER), entry("swapOutPerSec", FieldKind.NUMBER),
            entry("majorFaultsPerSec", FieldKind.NUMBER), entry("newOomKills", FieldKind.NUMBER)),
        Set.of("pgscanPerSec", "pgscanDirectPerSec", "swapInPerSec", "swapOutPerSec", "majorFaultsPerSec",
            "newOomKills")));
    add(new FactType(SwapDevice.TYPE, SwapDevice.class, Optional.of("device"),
        Map.ofEntries(
            entry("device", FieldKind.TEXT), entry("kind", FieldKind.TEXT), entry("size", FieldKind.BYTES),
            entry("used", FieldKind.BYTES), entry("usedPercent", FieldKind.PERCENT),
            entry("priority", FieldKind.NUMBER)),
        Set.of()));
    add(new FactType(VmSettings.TYPE, VmSettings.class, Optional.empty(),
        Map.ofEntries(
            entry("swappiness", FieldKind.NUMBER), entry("overcommitMemory", FieldKind.NUMBER),
            entry("minFree", FieldKind.BYTES), entry("panicOnOom", FieldKind.NUMBER)),
        Set.of("swappiness", "overcommitMemory", "minFree", "panicOnOom")));
    add(new FactType(OomKill.TYPE, OomKill.class, Optional.of("pid"),
        Map.ofEntries(
            entry("kernelTime", FieldKind.NUMBER), entry("pid", FieldKind.NUMBER), entry("comm", FieldKind.TEXT),
            entry("uid", FieldKind.NUMBER), entry("anonRss", FieldKind.BYTES), entry("fileRss", FieldKind.BYTES),
            entry("shmemRss", FieldKind.BYTES), entry("oomScoreAdj", FieldKind.NUMBER),
            entry("invoker", FieldKind.TEXT), entry("constraint", FieldKind.TEXT), entry("global", FieldKind.FLAG),
            entry("oomCgroup", FieldKind.TEXT), entry("taskCgroup", FieldKind.TEXT),
            entry("reaped", FieldKind.FLAG)),
        Set.of("uid", "anonRss", "fileRss", "shmemRss", "oomScoreAdj", "invoker", "constraint", "oomCgroup",
            "taskCgroup")));
    add(new FactType(KernelEvent.TYPE, KernelEvent.class, Optional.of("kind"),
        Map.ofEntries(
            entry("kernelTime", FieldKind.NUMBER), entry("kind", FieldKind.TEXT),
            entry("priority", FieldKind.NUMBER), entry("message", FieldKind.TEXT)),
        Set.of()));
    add(new FactType(EdacSample.TYPE, EdacSample.class, Optional.of("controller"),
        Map.ofEntries(
            entry("controller", FieldKind.TEXT), entry("correctable", FieldKind.NUMBER),
            entry("uncorrectable", FieldKind.NUMBER), entry("newCorrectable", FieldKind.NUMBER),
            entry("newUncorrectable", FieldKind.NUMBER)),
        Set.of("newCorrectable", "newUncorrectable")));
  }

  private FactCatalog() {}

  private static void add(FactType type) {
    TYPES.put(type.name(), type);
  }

  /**
   * Fact types that record something that happened once (a kill, a log record), not a sample of a state: they are
   * counted host-wide, sample windows ({@code for}, {@code trend}) make no sense for them, and they have no
   * "presence" over time.
   */
  public static final Set<String> OCCURRENCES = Set.of(OomKill.TYPE, KernelEvent.TYPE);

  public static boolean isOccurrence(String name) {
    return OCCURRENCES.contains(name);
  }

  public static Optional<FactType> find(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  public static Map<String, FactType> all() {
    return java.util.Collections.unmodifiableMap(TYPES);
  }
}
