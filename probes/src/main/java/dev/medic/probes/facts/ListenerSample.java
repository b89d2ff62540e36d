package dev.medic.probes.facts;

import static dev.medic.probes.facts.FieldKind.PERCENT;

/**
 * One listening TCP socket and its accept queue, from netlink {@code sock_diag} (a LISTEN dump of AF_INET and
 * AF_INET6) or, when netlink is unavailable, from the LISTEN rows of {@code /proc/<pid>/net/tcp} and {@code tcp6}
 * (then {@code backlog} and {@code queuePercent} are null: the file does not print the backlog). The owner comes
 * from the {@code socket:[inode]} links under {@code /proc/<pid>/fd}.
 *
 * @param listen the key: {@code <netns> <addr>:<port>}, e.g. {@code host 0.0.0.0:8080}, {@code host [::]:443}
 * @param netns the namespace: {@code host} or {@code net:[inode]}
 * @param addr the local address, {@code 0.0.0.0} or {@code ::} for any
 * @param port the local port
 * @param acceptQueue connections the kernel completed that the application has not accepted yet, count
 *     ({@code idiag_rqueue}, or the {@code rx_queue} of the LISTEN row)
 * @param backlog the most the accept queue holds, count: {@code listen()}'s backlog capped at somaxconn
 *     ({@code idiag_wqueue}); null from the /proc fallback
 * @param queuePercent acceptQueue as a percentage of backlog, clamped to 100 (the kernel admits backlog + 1);
 *     null without backlog
 * @param inode the socket's inode
 * @param pid a process holding the socket; null when none was found (a socket of a process in another pid
 *     namespace Medic cannot see, or one that exited)
 * @param comm that process's comm; null with pid
 * @param unit that process's systemd unit, from {@code /proc/<pid>/cgroup}; null when it has none
 */
@Key("listen")
public record ListenerSample(
    long timestamp,
    String listen,
    String netns,
    String addr,
    int port,
    long acceptQueue,
    Long backlog,
    @Kind(PERCENT) Double queuePercent,
    long inode,
    Integer pid,
    @Nullable String comm,
    @Nullable String unit)
    implements Fact {

  public static final String TYPE = "listener";

  @Override
  public String type() {
    return TYPE;
  }
}
