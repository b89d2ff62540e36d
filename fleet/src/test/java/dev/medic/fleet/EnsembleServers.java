package dev.medic.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for real ZooKeeper servers in child JVMs ({@code QuorumPeerMain} from the test class path), for
 * the partition lab (one per namespace, the same ports on each address) and the bench (all on 127.0.0.1, ports
 * apart). A short tick keeps elections and session expiry fast.
 *
 * @param hosts the servers' addresses, server 1 first
 * @param basePort the first client port; with {@code apart}, server i uses {@code basePort + i} and quorum ports
 *     above it, otherwise every server uses {@code basePort}, 2888 and 3888
 */
record EnsembleServers(List<String> hosts, int basePort, boolean apart, int tickMs) {

  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  int clientPort(int id) {
    return apart ? basePort + id : basePort;
  }

  String connect() {
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= hosts.size(); i++) {
      all.add(hosts.get(i - 1) + ":" + clientPort(i));
    }
    return String.join(",", all);
  }

  /** Writes server {@code id}'s config and data folder under {@code dir}; returns its command line. */
  List<String> command(Path dir, int id) throws IOException {
    Path data = Files.createDirectories(dir.resolve("zk" + id));
    Files.writeString(data.resolve("myid"), Integer.toString(id));
    StringBuilder cfg = new StringBuilder("tickTime=" + tickMs + "\ninitLimit=20\nsyncLimit=4\n")
        .append("clientPort=").append(clientPort(id)).append("\nclientPortAddress=").append(hosts.get(id - 1))
        .append("\ndataDir=").append(data).append("\nadmin.enableServer=false\nmaxClientCnxns=0\n");
    for (int s = 1; s <= hosts.size(); s++) {
      int quorum = apart ? basePort + 100 + s : 2888;
      int election = apart ? basePort + 200 + s : 3888;
      cfg.append("server.").append(s).append('=').append(hosts.get(s - 1)).append(':').append(quorum).append(':')
          .append(election).append('\n');
    }
    Path file = dir.resolve("zk" + id + ".cfg");
    Files.writeString(file, cfg);
    return List.of(JAVA, "-Xmx128m", "-XX:+UseSerialGC", "-Dzookeeper.jmx.log4j.disable=true", "-cp",
        System.getProperty("java.class.path"), "org.apache.zookeeper.server.quorum.QuorumPeerMain", file.toString());
  }
}
