/**
 * The ZooKeeper coordinator, through Curator: permits as sequential children under a per-group parent, counted and
 * created in one conditional multi-op (so two agents cannot both take the last slot), an hourly budget of grant
 * times stamped with the ensemble's clock, fencing tokens from the grant's zxid, and agents as ephemeral nodes. The
 * layout is in {@link dev.medic.fleet.zk.ZkPaths}.
 */
package dev.medic.fleet.zk;
