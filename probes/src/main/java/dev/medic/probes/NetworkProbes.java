package dev.medic.probes;

import dev.medic.probes.netns.LibC;
import dev.medic.probes.netns.NetNamespace;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The inside network probes of one {@link ProbeSweep}: {@code files}, {@code tcp}, {@code sockets},
 * {@code listeners}, {@code conntrack}, {@code nic}, {@code ports}, {@code resolver} and {@code route}, each a
 * switch of its own in {@link ProbeRegistry}, read together by one {@link NetworkReader} so that each other
 * namespace costs one hop to its thread per sweep, not one per source. The first of them that is on reads them
 * all; the others add nothing of their own.
 *
 * <p>The namespaces besides the host's are the ones the sweep's owner names (the agent: those its checks run
 * from), resolved again each sweep, since a named namespace can be deleted and made again. A host root without
 * {@code /proc/self/net} (a fixture tree of the memory side) has no network facts and nothing is counted.
 */
public final class NetworkProbes implements AutoCloseable {

  private final HostRoot root;
  private final NetworkReader reader;
  private final String first;
  private volatile Supplier<List<NetNamespace>> namespaces = List::of;

  NetworkProbes(HostRoot root, ProbeSettings settings, ProbeMetrics metrics) {
    this.root = root;
    Set<String> on = NetworkReader.SOURCES.stream().filter(settings::enabled).collect(Collectors.toSet());
    this.first = NetworkReader.SOURCES.stream().filter(on::contains).findFirst().orElse(null);
    this.reader = first == null ? null : new NetworkReader(root, metrics, LibC::pageSize, on);
  }

  /** The probe registered as {@code name}: the whole read for the first network source that is on, else nothing. */
  Probe probe(String name) {
    if (!name.equals(first)) {
      return sweep -> {};
    }
    return sweep -> {
      if (Files.isDirectory(root.proc("self/net"))) {
        sweep.addAll(reader.read(sweep.timestamp(), namespaces.get()));
      }
    };
  }

  /** The namespaces to read besides the host's, asked again at each sweep. */
  void namespaces(Supplier<List<NetNamespace>> others) {
    this.namespaces = others;
  }

  /** The reader, for the last owner of a listen key; null when every network source is off. */
  NetworkReader reader() {
    return reader;
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
    }
  }
}
