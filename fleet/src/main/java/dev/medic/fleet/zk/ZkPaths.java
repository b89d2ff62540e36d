package dev.medic.fleet.zk;

/**
 * The node layout under the chroot ({@code /medic/v1} by default), one place for every path.
 *
 * <pre>
 * /clock                             written before a grant: its mtime is the ensemble's "now"
 * /agents/&lt;host&gt;                      ephemeral: a live agent and its status (JSON)
 * /groups/&lt;key&gt;=&lt;value&gt;/&lt;host&gt;        ephemeral: group membership, counted for the hourly share
 * /permits/&lt;key&gt;=&lt;value&gt;/&lt;scope&gt;       a limit's parent: its version makes count-and-create atomic
 *     &lt;host&gt;;e-&lt;seq&gt;                 an ephemeral permit (tied to the session)
 *     &lt;host&gt;;d-&lt;incident&gt;            a durable permit (persistent, given back when the host is healthy)
 * /budget/&lt;key&gt;=&lt;value&gt;/&lt;scope&gt;        JSON array of the ensemble times of the last hour's grants
 * /durable/&lt;host&gt;/&lt;incident&gt;          this host's durable permits (JSON), found again after a restart
 * /incidents/&lt;host&gt;/&lt;incident&gt;        persistent: an incident that outlives its agent (JSON)
 * </pre>
 */
final class ZkPaths {

  static final String CLOCK = "/clock";
  static final String AGENTS = "/agents";
  static final String GROUPS = "/groups";
  static final String PERMITS = "/permits";
  static final String BUDGET = "/budget";
  static final String DURABLE = "/durable";
  static final String INCIDENTS = "/incidents";

  private ZkPaths() {}

  static String agent(String host) {
    return AGENTS + "/" + host;
  }

  static String member(String group, String host) {
    return GROUPS + "/" + group + "/" + host;
  }

  static String members(String group) {
    return GROUPS + "/" + group;
  }

  static String permits(String group, String scope) {
    return PERMITS + "/" + group + "/" + scope;
  }

  static String budget(String group, String scope) {
    return BUDGET + "/" + group + "/" + scope;
  }

  static String durable(String host, String incident) {
    return DURABLE + "/" + host + "/" + incident;
  }

  static String incidents(String host) {
    return INCIDENTS + "/" + host;
  }

  /** The host that holds a permit node, from its name {@code <host>;e-…}. */
  static String holder(String child) {
    int semi = child.lastIndexOf(';');
    return semi < 0 ? child : child.substring(0, semi);
  }
}
