package dev.medic.agent;

import dev.medic.checks.CheckRegistry;
import dev.medic.checks.CheckRunner;
import dev.medic.checks.CheckSpec;
import dev.medic.checks.NamespaceThreads;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeSweep;
import dev.medic.probes.netns.NetNamespace;
import io.micrometer.core.instrument.FunctionCounter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's outside checks: a {@link CheckRunner} started with the agent, its results drained into every sweep
 * through the {@code checks} probe, and the namespaces the checks run from read by the network probes too, so a
 * check's fact always has the inside facts of its own namespace beside it. Closed with the agent.
 */
final class CheckWiring implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CheckWiring.class);

  private final HostRoot root;
  private final NamespaceThreads threads;
  private final CheckRunner runner;
  private final Set<String> netns = new LinkedHashSet<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** Null when no checks are configured: no threads at all. */
  static CheckWiring start(CheckSettings settings, HostRoot root, ProbeSweep sweep, MedicMetrics metrics) {
    if (settings.specs().isEmpty()) {
      return null;
    }
    CheckWiring wiring = new CheckWiring(settings.specs(), root);
    sweep.withChecks(wiring.runner::drain).withNamespaces(wiring::namespaces);
    FunctionCounter.builder("medic.checks.dropped", wiring, CheckWiring::dropped).register(metrics.registry());
    FunctionCounter.builder("medic.checks.skipped", wiring, CheckWiring::skipped).register(metrics.registry());
    wiring.runner.start();
    return wiring;
  }

  private CheckWiring(List<CheckSpec> specs, HostRoot root) {
    this.root = root;
    this.threads = new NamespaceThreads(root);
    this.runner = new CheckRunner(specs, CheckRegistry.builtin(), threads, CheckRunner.DEFAULT_CONCURRENCY,
        CheckRunner.DEFAULT_QUEUE);
    specs.stream().map(CheckSpec::netns).filter(n -> !CheckSpec.HOST_NETNS.equals(n)).forEach(netns::add);
  }

  /** The checks' namespaces other than the host's, resolved now; one that does not exist (yet) is left out. */
  List<NetNamespace> namespaces() {
    List<NetNamespace> out = new ArrayList<>();
    for (String name : netns) {
      try {
        out.add(NamespaceThreads.namespace(root, name));
      } catch (IOException | RuntimeException e) {
        if (warned.add(name)) {
          LOG.warn("network namespace '{}' of a check cannot be read: {}", name, e.toString());
        }
      }
    }
    return out;
  }

  long dropped() {
    return runner.dropped();
  }

  long skipped() {
    return runner.skipped();
  }

  @Override
  public void close() {
    runner.close();
    threads.close();
  }
}
