package dev.medic.engine.facts;

import static java.util.Map.entry;

import dev.medic.probes.facts.CgroupSample;
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
            entry("shmem", FieldKind.BYTES), entry("committed", FieldKind.BYTES)),
        Set.of("available", "availablePercent", "usedPercent", "anon", "shmem", "committed")));
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
            entry("underOom", FieldKind.FLAG)),
        Set.of("limit", "usagePercent", "oomKills", "underOom")));
    add(new FactType(ProcessSample.TYPE, ProcessSample.class, Optional.of("pid"),
        Map.ofEntries(
            entry("pid", FieldKind.NUMBER), entry("ppid", FieldKind.NUMBER),
            entry("comm", FieldKind.TEXT), entry("cmdline", FieldKind.TEXT),
            entry("uid", FieldKind.NUMBER), entry("state", FieldKind.TEXT),
            entry("rss", FieldKind.BYTES), entry("swap", FieldKind.BYTES),
            entry("memoryCgroup", FieldKind.TEXT), entry("oomScore", FieldKind.NUMBER),
            entry("oomScoreAdj", FieldKind.NUMBER), entry("pss", FieldKind.BYTES),
            entry("uss", FieldKind.BYTES), entry("kernelThread", FieldKind.FLAG)),
        Set.of("swap", "memoryCgroup", "oomScore", "oomScoreAdj", "pss", "uss")));
  }

  private FactCatalog() {}

  private static void add(FactType type) {
    TYPES.put(type.name(), type);
  }

  public static Optional<FactType> find(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  public static Map<String, FactType> all() {
    return java.util.Collections.unmodifiableMap(TYPES);
  }
}
