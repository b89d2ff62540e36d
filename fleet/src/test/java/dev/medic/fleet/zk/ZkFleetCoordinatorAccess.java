package dev.medic.fleet.zk;

import org.apache.zookeeper.ZooKeeper;

/** Test access to a coordinator's ZooKeeper handle, to inject a session expiry as the server would. */
public final class ZkFleetCoordinatorAccess {

  private ZkFleetCoordinatorAccess() {}

  public static ZooKeeper zooKeeper(ZkFleetCoordinator c) throws Exception {
    return c.client().getZookeeperClient().getZooKeeper();
  }
}
