package dev.medic.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.actions.ActionRegistry;
import dev.medic.checks.CheckRunner;
import dev.medic.checks.CheckSpec;
import dev.medic.checks.NamespaceThreads;
import dev.medic.engine.gate.GateSettings;
import dev.medic.engine.journal.PlanEvent;
import dev.medic.engine.runtime.CompiledRunbooks;
import dev.medic.probes.HostRoot;
import dev.medic.probes.NetworkReader;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cuts recordings from real faults: a client and a server namespace over a veth pair ({@link NetLab}), a real
 * server process, a fault injected after four healthy sweeps, and per sweep the server namespace's inside facts read
 * with the real {@link NetworkReader} and a tcp check of the server run from the client namespace with the real
 * {@link CheckRunner}; each sweep is stamped 10 s after the previous one (the reads are real, the clock is the
 * recording's). Each cut is replayed through the shipped pack, which must name the injected cause and only it.
 *
 * <p>The cuts are written to a temporary directory; with {@code -Dmedic.lab.record=true} they replace the lab
 * recordings in {@code runbooks/tests/recordings/lab/}, which the pack's tests replay (pids and counters there are
 * those of the run that made them, so the tests' expectations follow a rewrite):
 * {@code mvn -B -o -pl simulator -am test -Dtest=NetLabRecordingsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmedic.lab.record=true}. Root only; skipped otherwise.
 */
@Tag("lab")
class NetLabRecordingsTest {

  static final Path SHIPPED = Path.of("../runbooks/tests/recordings/lab");
  static final Path PACK = Path.of("../runbooks");
  static final int HEALTHY = 4;
  static final int SWEEPS = 10;

  @TempDir Path tmp;
  private NetLab lab;
  private NetworkReader reader;
  private NamespaceThreads namespaces;
  private CheckRunner runner;
  private NamespaceThread clientThread;
  private final List<Socket> clients = new ArrayList<>();

  @BeforeEach
  void lab() throws Exception {
    NetLab.require();
    lab = NetLab.create();
    HostRoot root = HostRoot.live();
    reader = new NetworkReader(root, new ProbeMetrics());
    namespaces = new NamespaceThreads(root);
    runner = new CheckRunner(List.of(), namespaces);
    clientThread = NamespaceThread.enter(NetNamespace.named(root, lab.client));
  }

  @AfterEach
  void clean() throws IOException {
    for (Socket s : clients) {
      s.close();
    }
    for (AutoCloseable c : new AutoCloseable[] {runner, namespaces, reader, clientThread, lab}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the lab goes in every outcome; the first problem was reported already
      }
    }
  }

  /** What happens before sweep {@code i}. */
  @FunctionalInterface
  interface Step {
    void before(int i) throws Exception;
  }

  /** Writes the cut and returns the runbooks of the pack that made plans on it, in order, once each. */
  private List<String> cut(String name, Step step) throws Exception {
    NetNamespace server = NetNamespace.named(HostRoot.live(), lab.server);
    Path file = (Boolean.getBoolean("medic.lab.record") ? Files.createDirectories(SHIPPED) : tmp)
        .resolve(name + ".jsonl");
    RecordingHeader header = new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, "medic-lab",
        System.getProperty("os.version"), ScenarioWriter.STARTED_AT, 10_000, (int) ProcessHandle.current().pid());
    CheckSpec check = new CheckSpec.Tcp("lab-tcp", NetLab.SERVER_ADDR, NetLab.PORT, false, Optional.empty(),
        Duration.ofSeconds(10), Duration.ofMillis(1500), lab.client);
    try (RecordingWriter w = RecordingWriter.create(file, header)) {
      for (int i = 0; i < SWEEPS; i++) {
        step.before(i);
        long ts = ScenarioWriter.STARTED_AT + i * 10_000L;
        List<Fact> facts = new ArrayList<>();
        String serverId = server.id();
        for (Fact f : reader.read(ts, List.of(server))) {
          if (serverId.equals(netns(f))) { // the server's namespace only: the host's own sockets are not the lab's
            facts.add(f);
          }
        }
        runner.runOnce(check).forEach(c -> facts.add(restamp(c, ts)));
        w.write(facts);
      }
    }
    CompiledRunbooks pack = CompiledRunbooks.load(List.of(PACK), ActionRegistry.builtin());
    return new Replayer(pack, GateSettings.defaults()).replay(file).events().stream()
        .filter(PlanEvent.class::isInstance).map(e -> ((PlanEvent) e).runbook()).distinct().toList();
  }

  @Test
  void serviceDown() throws Exception {
    Process[] server = {lab.serve(16, true)};
    assertEquals(List.of("service-down-refused"), cut("lab-service-down", i -> {
      if (i == HEALTHY) {
        lab.kill(server[0]);
      }
    }));
  }

  @Test
  void firewallDrop() throws Exception {
    lab.serve(16, true);
    assertEquals(List.of("firewall-drop"), cut("lab-firewall-drop", i -> {
      if (i == HEALTHY) {
        lab.serverRule("-p", "tcp", "--dport", Integer.toString(NetLab.PORT), "-j", "DROP");
      }
    }));
  }

  @Test
  void firewallReject() throws Exception {
    lab.serve(16, true);
    assertEquals(List.of("refused-by-firewall"), cut("lab-firewall-reject", i -> {
      if (i == HEALTHY) {
        lab.serverRule("-p", "tcp", "--dport", Integer.toString(NetLab.PORT), "-j", "REJECT");
      }
    }));
  }

  @Test
  void acceptQueueOverflow() throws Exception {
    lab.serve(1, false); // listens, never accepts
    assertEquals(List.of("accept-queue-overflow"), cut("lab-accept-overflow", i -> {
      if (i >= HEALTHY) {
        for (int c = 0; c < 3; c++) { // the queue holds backlog + 1; the rest overflow, every sweep
          connectFromClient();
        }
      }
    }));
  }

  private void connectFromClient() throws IOException {
    try {
      clients.add(clientThread.call(() -> {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(NetLab.SERVER_ADDR, NetLab.PORT), 300);
        } catch (IOException e) {
          // a SYN the full queue dropped: that is the point
        }
        return s;
      }, 2_000));
    } catch (IOException e) {
      // the namespace thread timed out; the next sweep tries again
    }
  }

  /** The {@code netns} of a network fact, null for the others. */
  static String netns(Fact f) {
    for (RecordComponent c : f.getClass().getRecordComponents()) {
      if (c.getName().equals("netns")) {
        try {
          return (String) c.getAccessor().invoke(f);
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The check as of the recording's clock. */
  static CheckSample restamp(CheckSample c, long ts) {
    return new CheckSample(ts, c.name(), c.kind(), c.host(), c.port(), c.addr(), c.netns(), c.ok(), c.failedPhase(),
        c.error(), c.resolveMs(), c.connectMs(), c.tlsMs(), c.firstByteMs(), c.transferMs(), c.totalMs(), c.status(),
        c.bytes(), c.certNotAfter(), c.certDaysLeft(), c.tlsVersion(), c.rcode(), c.answers(), c.rttMs(),
        c.consecutiveFailures());
  }
}
