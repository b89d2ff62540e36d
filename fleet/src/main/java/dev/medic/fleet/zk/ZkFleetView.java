package dev.medic.fleet.zk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medic.fleet.AgentStatus;
import dev.medic.fleet.FleetIncident;
import dev.medic.fleet.FleetSettings;
import dev.medic.fleet.FleetView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/**
 * Reads the fleet view from the ensemble: {@code /agents} (ephemeral, live agents only) and {@code /incidents}
 * (persistent, so a host that went away still shows its open incidents). The coordinator reads through it, and
 * {@code medic fleet} opens one of its own that registers nothing.
 */
public final class ZkFleetView implements FleetView, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CuratorFramework client;
  private final boolean owned;

  ZkFleetView(CuratorFramework client) {
    this.client = client;
    this.owned = false;
  }

  private ZkFleetView(CuratorFramework client, boolean owned) {
    this.client = client;
    this.owned = owned;
  }

  /** A read-only client of the settings' ensemble; the message says which ensemble could not be reached. */
  public static ZkFleetView open(FleetSettings s) {
    CuratorFramework client = CuratorFrameworkFactory.builder().connectString(s.connect())
        .namespace(s.chroot().substring(1)).sessionTimeoutMs((int) s.sessionTimeout().toMillis())
        .connectionTimeoutMs((int) s.connectTimeout().toMillis())
        .retryPolicy(new BoundedExponentialBackoffRetry(100, 1000, 3)).build();
    client.start();
    try {
      if (!client.blockUntilConnected((int) s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        client.close();
        throw new IllegalStateException("fleet coordinator " + s.connect() + " not reached within "
            + s.connectTimeout().toSeconds() + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new IllegalStateException("interrupted");
    }
    return new ZkFleetView(client, true);
  }

  @Override
  public List<AgentStatus> agents() {
    List<AgentStatus> out = new ArrayList<>();
    for (String host : children(ZkPaths.AGENTS)) {
      read(ZkPaths.agent(host), AgentStatus.class).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public List<FleetIncident> incidents() {
    List<FleetIncident> out = new ArrayList<>();
    for (String host : children(ZkPaths.INCIDENTS)) {
      for (String id : children(ZkPaths.incidents(host))) {
        read(ZkPaths.incidents(host) + "/" + id, FleetIncident.class).ifPresent(out::add);
      }
    }
    return out;
  }

  private List<String> children(String path) {
    try {
      return new ArrayList<>(new TreeSet<>(client.getChildren().forPath(path)));
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw new IllegalStateException("fleet coordinator: cannot list " + path + ": " + e.getMessage(), e);
    }
  }

  private <T> Optional<T> read(String path, Class<T> type) {
    try {
      return Optional.of(JSON.readValue(client.getData().forPath(path), type));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty(); // went away between the listing and the read
    } catch (Exception e) {
      return Optional.empty(); // not a Medic node: skipped, not fatal to the view
    }
  }

  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }
}
