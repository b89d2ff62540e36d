package dev.medic.probes.proc.net;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.SourceReads;
import dev.medic.probes.internal.WarnOnce;
import dev.medic.probes.netns.NetNamespace;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** A reader of one {@link HeaderPairs} file of a namespace: {@link NetstatReader}, {@link SnmpReader}. */
abstract class HeaderPairsReader {

  private final HostRoot root;
  private final ProbeMetrics metrics;
  private final String file;
  private final WarnOnce warnOnce;

  HeaderPairsReader(HostRoot root, ProbeMetrics metrics, String file) {
    this.root = root;
    this.metrics = metrics;
    this.file = file;
    this.warnOnce = new WarnOnce(LoggerFactory.getLogger(getClass()));
  }

  /** Prefix → name → value of the namespace's file; empty when it is missing or unreadable (counted, warned). */
  public Map<String, Map<String, Long>> read(NetNamespace ns) {
    String content = SourceReads.readOrNull(root.procNet(ns.pid(), file), metrics, warnOnce);
    return content == null ? Map.of() : HeaderPairs.parse(content, metrics);
  }
}
