package dev.medic.engine.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.probes.facts.CheckSample;
import dev.medic.probes.facts.Fact;
import dev.medic.probes.facts.ListenerSample;
import dev.medic.probes.facts.OomKill;
import dev.medic.probes.facts.TcpSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network side of the language: the {@code listener_owner} target (the owner of the matched listener, or the
 * last owner of a checked port once it is gone), an OOM kill joined to a check through that last owner, and the
 * per-namespace joins, each with the look-alike it must not pick.
 */
class NetworkJoinsTest {

  @TempDir Path dir;

  static ListenerSample listener(long ts, String netns, int port, long queue, int pid, String comm) {
    return new ListenerSample(ts, netns + " 0.0.0.0:" + port, netns, "0.0.0.0", port, queue, 128L,
        Math.min(100.0, 100.0 * queue / 128), 1000L + port, pid, comm, comm + ".service");
  }

  static CheckSample check(long ts, int port, String error) {
    return new CheckSample(ts, "web", "tcp", "127.0.0.1", port, "127.0.0.1", "host", error == null, "connect", error,
        0.0, 0.1, null, null, null, 0.2, null, null, null, null, null, null, null, null, 0);
  }

  static TcpSample tcp(long ts, String netns, long overflows) {
    return new TcpSample(ts, netns, 1L, overflows, overflows, 0L, 0L, 0L, 1000L, 0.0, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
        0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
  }

  static final String REFUSED = """
      id: gone
      when:
        all:
          - {fact: check, where: error == connect_refused, for: 20s}
          - not: {fact: listener}
      target: listener_owner
      steps: [capture_listeners]
      remediate:
        - restart_unit: {unit: "{{process.unit}}"}
      summary: "{{process.comm}} {{process.pid}} {{process.unit}}"
      """;

  /** Port 8080 is owned by pid 100 until 30s, then nothing listens; pid 200 listens on 9090 all along. */
  static List<Fact> portLost(long ts, Long killedPid) {
    long sec = (ts - Scenario.T0) / 1000;
    List<Fact> facts = new ArrayList<>();
    facts.add(listener(ts, "host", 9090, 0, 200, "other"));
    if (sec < 30) {
      facts.add(listener(ts, "host", 8080, 0, 100, "web"));
      facts.add(check(ts, 8080, null));
    } else {
      facts.add(check(ts, 8080, "connect_refused"));
    }
    if (sec == 30 && killedPid != null) {
      facts.add(new OomKill(ts, ts, killedPid.intValue(), "web", 0, 1L << 30, 0L, 0L, 0, "web",
          "CONSTRAINT_NONE", true, null, "/system.slice/web.service", true));
    }
    return facts;
  }

  @Test
  void theLastOwnerOfACheckedPortIsTheTargetOnceTheListenerIsGone() throws Exception {
    Scenario s = Scenario.advise(dir, REFUSED).run(8, 10, ts -> portLost(ts, null));
    assertEquals(List.of(50L), s.planSeconds());
    Map<String, Object> plan = s.plans().get(0);
    assertEquals(100, ((Number) plan.get("pid")).intValue()); // not pid 200, which listens on another port
    assertEquals("web 100 web.service", plan.get("summary"));
  }

  @Test
  void withNoOwnerSeenThePlanNamesPidZero() throws Exception {
    Scenario s = Scenario.advise(dir, REFUSED).run(4, 10, ts -> List.of(check(ts, 8080, "connect_refused")));
    assertEquals(List.of(20L), s.planSeconds());
    assertEquals(0, ((Number) s.plans().get(0).get("pid")).intValue());
  }

  static final String KILLED = """
      id: killed
      when:
        all:
          - {fact: check, where: error == connect_refused, for: 20s}
          - not: {fact: listener}
          - {fact: oom_kill, count: 1, within: 10m}
      target: listener_owner
      steps: [capture_listeners]
      """;

  @Test
  void anOomKillJoinsACheckThroughThePortsLastOwner() throws Exception {
    assertEquals(List.of(50L), Scenario.advise(dir, KILLED).run(8, 10, ts -> portLost(ts, 100L)).planSeconds());
    // the kill of another process is no reason for this port to be closed
    assertEquals(List.of(), Scenario.advise(dir, KILLED).run(8, 10, ts -> portLost(ts, 300L)).planSeconds());
  }

  @Test
  void aListenerPrimaryNamesItsOwnerAndTcpJoinsItsNamespace() throws Exception {
    String yaml = """
        id: overflow
        when:
          all:
            - {fact: listener, where: queuePercent >= 100%}
            - {fact: tcp, where: newListenOverflows > 0}
        target: listener_owner
        steps: [capture_listeners]
        """;
    Scenario s = Scenario.advise(dir, yaml).run(2, 10, ts -> List.of(
        listener(ts, "net:[1]", 8080, 129, 100, "web"), tcp(ts, "net:[1]", 5),
        listener(ts, "net:[2]", 8080, 129, 300, "api"), tcp(ts, "net:[2]", 0)));
    // both listeners are full, but only net:[1] counted overflows (and the cooldown holds the second sweep)
    assertEquals(List.of(0L), s.planSeconds());
    assertEquals(100, ((Number) s.plans().get(0).get("pid")).intValue());
  }
}
