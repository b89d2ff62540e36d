/**
 * Medic agents on many hosts coordinating through an existing consensus engine, so one bad runbook cannot change
 * every host at once. The gates see only {@link dev.medic.fleet.FleetCoordinator}: {@link dev.medic.fleet.Fleet#NONE}
 * for a single host, the ZooKeeper one ({@code zk}) for a fleet, and room for another engine (etcd) beside it.
 * The rule everywhere is to fail closed: when the coordinator cannot be asked, host-changing actions become
 * proposals, never local decisions "until it comes back".
 */
package dev.medic.fleet;
