package dev.medic.fleet;

import java.util.List;

/** What {@code medic fleet} shows: the live agents and the incidents hosts recorded and have not resolved. */
public interface FleetView {

  /** The live agents, by host. */
  List<AgentStatus> agents();

  /** Open incidents of every host, the hosts that went away included, by host then incident. */
  List<FleetIncident> incidents();
}
