package dev.medic.fleet.zk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.fleet.AgentStatus;
import dev.medic.fleet.FleetCoordinator;
import dev.medic.fleet.FleetHealth;
import dev.medic.fleet.FleetIncident;
import dev.medic.fleet.FleetSettings;
import dev.medic.fleet.Grant;
import dev.medic.fleet.Permit;
import dev.medic.fleet.PermitRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * {@link FleetCoordinator} on a ZooKeeper ensemble through Curator, as measured in
 * {@code shared/reference/fleet-coordination.md}: a thin client (no member), permits tied to the session, and the
 * fail-closed rules made exact. It grants only while the session is {@code CONNECTED}/{@code RECONNECTED}; on
 * {@code SUSPENDED} it grants nothing and confirms nothing; on {@code LOST} (or a new session after one) the
 * ephemeral permits it held are reported lost. Before a step starts, {@link #confirm} writes the permit's own node
 * and lets the step start only if it can end before the session could expire.
 *
 * <p>A grant is one multi-op: the permit parent's version (so no other agent created or counted in between), the
 * hourly budget's version, and the permit node. Counting and creating therefore happen at one zxid, which is the
 * fencing token. "Now" for the hourly window is the mtime of a write to {@code /clock}: the ensemble's time, the
 * same for every agent, never the agent's clock.
 */
public final class ZkFleetCoordinator implements FleetCoordinator {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ZkFleetCoordinator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HOUR_MS = 3_600_000;
  /** Slack between a step's end and the earliest moment the session could expire. */
  static final Duration MARGIN = Duration.ofSeconds(1);
  private static final int ATTEMPTS = 12;

  private final FleetSettings settings;
  private final CuratorFramework client;
  private final PersistentNode agentNode;
  private final ZkFleetView view;
  private final List<PersistentNode> memberNodes = new ArrayList<>();
  private final Map<String, Permit> held = new ConcurrentHashMap<>();
  private final List<Consumer<Permit>> lostListeners = new CopyOnWriteArrayList<>();
  private volatile ConnectionState state;
  private volatile long sessionId;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean registered = new java.util.concurrent.atomic.AtomicBoolean();

  private ZkFleetCoordinator(FleetSettings settings, CuratorFramework client, String mode) {
    this.settings = settings;
    this.client = client;
    this.view = new ZkFleetView(client);
    client.getConnectionStateListenable().addListener((c, s) -> changed(s));
    this.agentNode = new PersistentNode(client, CreateMode.EPHEMERAL, false, ZkPaths.agent(settings.host()),
        json(new AgentStatus(settings.host(), mode, settings.groups(), 0, 0, System.currentTimeMillis())));
    settings.groupsWithHost().forEach((k, v) -> memberNodes.add(new PersistentNode(client, CreateMode.EPHEMERAL,
        false, ZkPaths.member(k + "=" + v, settings.host()), new byte[0])));
  }

  /** Connects (waiting up to the connect timeout) and registers this agent; unreachable means failing closed. */
  public static ZkFleetCoordinator start(FleetSettings s, String mode) {
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(s.connect())
        .namespace(s.chroot().substring(1))
        .sessionTimeoutMs((int) s.sessionTimeout().toMillis())
        .connectionTimeoutMs((int) Math.min(s.connectTimeout().toMillis(), s.sessionTimeout().toMillis()))
        .retryPolicy(new BoundedExponentialBackoffRetry(100, 1000, 3))
        .build();
    ZkFleetCoordinator c = new ZkFleetCoordinator(s, client, mode);
    client.start();
    boolean connected = false;
    try {
      connected = client.blockUntilConnected((int) s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (connected) {
        c.session();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!connected) {
      return c; // failing closed until the ensemble answers (it registers then); the agent does not wait for it
    }
    c.register();
    try {
      c.agentNode.waitForInitialCreate(s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      for (PersistentNode n : c.memberNodes) { // counted by the hourly share: registered before the first grant
        n.waitForInitialCreate(s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return c;
  }

  private void changed(ConnectionState s) {
    ConnectionState before = state;
    state = s;
    LOG.info("fleet session {} (was {})", s, before);
    if (s == ConnectionState.LOST) {
      lostAll("session lost");
    } else if (s == ConnectionState.CONNECTED || s == ConnectionState.RECONNECTED) {
      long old = sessionId;
      session();
      register();
      if (old != 0 && old != sessionId) {
        lostAll("new session after expiry");
      }
    }
  }

  /** Starts the agent's ephemeral nodes once (they re-create themselves after every new session). */
  private void register() {
    if (!registered.compareAndSet(false, true) || closed) {
      return;
    }
    agentNode.start();
    memberNodes.forEach(PersistentNode::start);
  }

  private void session() {
    try {
      sessionId = client.getZookeeperClient().getZooKeeper().getSessionId();
      if (state == null) {
        state = ConnectionState.CONNECTED;
      }
    } catch (Exception e) {
      LOG.warn("fleet session id unavailable: {}", e.toString());
    }
  }

  /** Ephemeral permits died with the session: tell the gate so it journals them and starts nothing under them. */
  private void lostAll(String why) {
    for (Permit p : List.copyOf(held.values())) {
      if (!p.durable() && held.remove(p.path()) != null) {
        lostListeners.forEach(l -> l.accept(p));
      }
    }
    LOG.warn("fleet: {}; ephemeral permits given up", why);
  }

  @Override
  public String host() {
    return settings.host();
  }

  @Override
  public FleetHealth health() {
    ConnectionState s = state;
    long timeout = 0;
    try {
      timeout = client.getZookeeperClient().getZooKeeper().getSessionTimeout();
    } catch (Exception e) {
      timeout = 0;
    }
    boolean usable = !closed && (s == ConnectionState.CONNECTED || s == ConnectionState.RECONNECTED);
    String word = s == null ? "not connected" : s.name().toLowerCase(Locale.ROOT);
    String reason = usable ? "" : closed ? "fleet coordinator closed"
        : s == null || sessionId == 0 ? "fleet coordinator " + settings.connect() + " not reached"
        : "fleet session " + word;
    return new FleetHealth(true, usable, word, timeout, reason);
  }

  @Override
  public synchronized Grant acquire(PermitRequest r) {
    FleetHealth h = health();
    if (!h.usable()) {
      return new Grant.Unavailable(h.reason());
    }
    String value = settings.groupsWithHost().get(r.groupKey());
    if (value == null) {
      return new Grant.Refused("this host has no group '" + r.groupKey() + "' (fleet.groups)");
    }
    String group = r.groupKey() + "=" + value;
    String parent = ZkPaths.permits(group, r.scope());
    String budget = ZkPaths.budget(group, r.scope());
    try {
      ensure(ZkPaths.CLOCK, new byte[0]);
      ensure(parent, new byte[0]);
      ensure(budget, json(List.of()));
      long now = client.setData().forPath(ZkPaths.CLOCK, new byte[0]).getMtime();
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Optional<Grant> g = attempt(r, group, parent, budget, now);
        if (g.isPresent()) {
          return g.get();
        }
        // another agent granted in between: back off a little, at random, so contenders spread out
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 5 + 5 * attempt));
      }
      return new Grant.Unavailable("fleet: " + ATTEMPTS + " conflicting attempts for " + group + "/" + r.scope());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Grant.Unavailable("interrupted");
    } catch (Exception e) {
      return new Grant.Unavailable("fleet operation failed: " + e);
    }
  }

  /** One conditional try; empty when another agent changed the parent or budget in between (try again). */
  private Optional<Grant> attempt(PermitRequest r, String group, String parent, String budget, long now)
      throws Exception {
    Stat ps = new Stat();
    client.getData().storingStatIn(ps).forPath(parent);
    Set<String> hosts = new TreeSet<>();
    for (String child : client.getChildren().forPath(parent)) {
      hosts.add(ZkPaths.holder(child));
    }
    boolean mine = hosts.contains(settings.host());
    if (!mine && hosts.size() >= r.maxHosts()) {
      return Optional.of(new Grant.Refused("fleet: " + hosts.size() + " of at most " + r.maxHosts() + " hosts of "
          + group + " hold a permit for " + r.scope() + " (maxHosts): " + String.join(", ", hosts)));
    }
    Stat bs = new Stat();
    List<Long> times = new ArrayList<>(JSON.readValue(client.getData().storingStatIn(bs).forPath(budget),
        new TypeReference<List<Long>>() {}));
    times.removeIf(t -> t <= now - HOUR_MS);
    if (r.maxSharePerHour().isPresent()) {
      int live = client.getChildren().forPath(ZkPaths.members(group)).size();
      int allowed = (int) Math.max(1, Math.ceil(r.maxSharePerHour().get() * live));
      if (times.size() >= allowed) {
        return Optional.of(new Grant.Refused("fleet: " + times.size() + " grant(s) for " + r.scope() + " in "
            + group + " in the last hour, at most " + allowed + " (maxSharePerHour "
            + Math.round(r.maxSharePerHour().get() * 100) + "% of " + live + " live hosts)"));
      }
    }
    times.add(now);
    String name = parent + "/" + settings.host() + (r.durable() ? ";d-" + r.incident() : ";e-");
    byte[] data = json(Map.of("host", settings.host(), "incident", r.incident()));
    List<CuratorOp> ops = new ArrayList<>(List.of(
        client.transactionOp().setData().withVersion(ps.getVersion()).forPath(parent, new byte[0]),
        client.transactionOp().setData().withVersion(bs.getVersion()).forPath(budget, json(times)),
        client.transactionOp().create().withMode(r.durable() ? CreateMode.PERSISTENT
            : CreateMode.EPHEMERAL_SEQUENTIAL).forPath(name, data)));
    if (r.durable()) {
      ensure(ZkPaths.DURABLE + "/" + settings.host(), new byte[0]);
      ops.add(client.transactionOp().create().withMode(CreateMode.PERSISTENT)
          .forPath(ZkPaths.durable(settings.host(), r.incident()), json(Map.of("group", group, "scope", r.scope(),
              "path", name))));
    }
    List<CuratorTransactionResult> results;
    try {
      results = client.transaction().forOperations(ops);
    } catch (KeeperException.BadVersionException e) {
      return Optional.empty();
    }
    Stat grant = results.get(0).getResultStat();
    String path = results.get(2).getResultPath();
    long token = grant != null ? grant.getMzxid() : client.checkExists().forPath(path).getCzxid();
    long serverAt = grant != null ? grant.getMtime() : now;
    Permit p = new Permit(group, r.scope(), r.incident(), path, token, serverAt, r.durable());
    held.put(path, p);
    return Optional.of(new Grant.Granted(p, hosts.size() + (mine ? 0 : 1)));
  }

  private void ensure(String path, byte[] data) throws Exception {
    if (client.checkExists().forPath(path) == null) {
      try {
        client.create().creatingParentsIfNeeded().forPath(path, data);
      } catch (KeeperException.NodeExistsException e) {
        // another agent made it first
      }
    }
  }

  @Override
  public Optional<String> confirm(Permit permit, Duration step) {
    FleetHealth h = health();
    if (!h.usable()) {
      return Optional.of(h.reason());
    }
    try {
      long sent = System.nanoTime();
      if (permit.durable()) {
        return client.checkExists().forPath(permit.path()) == null
            ? Optional.of("durable permit " + permit.path() + " is gone") : Optional.empty();
      }
      Stat s = client.setData().forPath(permit.path(), json(Map.of("host", settings.host(), "incident",
          permit.incident(), "confirmed", true)));
      if (s.getEphemeralOwner() != sessionId) {
        return Optional.of("permit " + permit.path() + " belongs to another session");
      }
      long expiresNoEarlier = sent + TimeUnit.MILLISECONDS.toNanos(h.sessionTimeoutMs());
      long ends = System.nanoTime() + step.toNanos() + MARGIN.toNanos();
      if (ends > expiresNoEarlier) {
        return Optional.of("a step of " + step.toMillis() + " ms could outlast the session (timeout "
            + h.sessionTimeoutMs() + " ms)");
      }
      return health().usable() ? Optional.empty() : Optional.of(health().reason());
    } catch (KeeperException.NoNodeException e) {
      held.remove(permit.path());
      return Optional.of("permit " + permit.path() + " is gone (session lost)");
    } catch (Exception e) {
      return Optional.of("fleet confirm failed: " + e);
    }
  }

  @Override
  public void release(Permit permit) {
    held.remove(permit.path());
    try {
      if (permit.durable()) {
        client.delete().guaranteed().forPath(ZkPaths.durable(settings.host(), permit.incident()));
      }
      client.delete().guaranteed().forPath(permit.path());
    } catch (KeeperException.NoNodeException e) {
      // gone already: released, or the session that held it expired
    } catch (Exception e) {
      LOG.warn("fleet release of {} failed (the guaranteed delete retries): {}", permit.path(), e.toString());
    }
  }

  @Override
  public List<Permit> durablePermits() {
    List<Permit> out = new ArrayList<>();
    try {
      String dir = ZkPaths.DURABLE + "/" + settings.host();
      if (client.checkExists().forPath(dir) == null) {
        return out;
      }
      for (String incident : client.getChildren().forPath(dir)) {
        Map<String, String> d = JSON.readValue(client.getData().forPath(dir + "/" + incident),
            new TypeReference<Map<String, String>>() {});
        Stat s = client.checkExists().forPath(d.get("path"));
        out.add(new Permit(d.get("group"), d.get("scope"), incident, d.get("path"), s == null ? 0 : s.getCzxid(),
            s == null ? 0 : s.getCtime(), true));
      }
    } catch (Exception e) {
      LOG.warn("fleet: durable permits unreadable: {}", e.toString());
    }
    return out;
  }

  @Override
  public void publish(AgentStatus status) {
    try {
      agentNode.setData(json(status));
    } catch (Exception e) {
      LOG.debug("fleet status not published: {}", e.toString());
    }
  }

  @Override
  public void incident(FleetIncident incident) {
    if (!health().usable()) {
      return;
    }
    String path = ZkPaths.incidents(settings.host()) + "/" + incident.incident();
    try {
      if (incident.state().equals("resolved")) {
        client.delete().guaranteed().forPath(path);
      } else {
        client.create().orSetData().creatingParentsIfNeeded().forPath(path, json(incident));
      }
    } catch (KeeperException.NoNodeException e) {
      // resolved before it was recorded
    } catch (Exception e) {
      LOG.debug("fleet incident not recorded: {}", e.toString());
    }
  }

  @Override
  public List<AgentStatus> agents() {
    return view.agents();
  }

  @Override
  public List<FleetIncident> incidents() {
    return view.incidents();
  }

  @Override
  public void onLost(Consumer<Permit> listener) {
    lostListeners.add(listener);
  }

  /** The Curator client, for tests that inject a session expiry. */
  CuratorFramework client() {
    return client;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (registered.get()) {
        agentNode.close();
        for (PersistentNode n : memberNodes) {
          n.close();
        }
      }
    } catch (java.io.IOException e) {
      LOG.debug("fleet nodes not closed: {}", e.toString());
    }
    client.close();
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
