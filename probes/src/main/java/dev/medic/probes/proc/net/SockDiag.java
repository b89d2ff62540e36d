package dev.medic.probes.proc.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.medic.probes.internal.KernelFormatException;
import dev.medic.probes.netns.LibC;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening TCP sockets of the calling thread's network namespace from netlink {@code NETLINK_SOCK_DIAG}: one
 * {@code SOCK_DIAG_BY_FAMILY} dump of state LISTEN per family (AF_INET, AF_INET6), each answer an
 * {@code inet_diag_msg} whose {@code idiag_rqueue} is the accept queue and {@code idiag_wqueue} the backlog
 * ({@code net/ipv4/tcp_diag.c tcp_diag_get_info}), the numbers {@code ss -lnt} prints. See
 * {@code man 7 sock_diag}.
 *
 * <p>A netlink socket answers for the namespace it was created in, so call this on the namespace's
 * {@link dev.medic.probes.netns.NamespaceThread} (or on any thread for Medic's own namespace). 0.1 ms warm; the
 * first call loads JNA (30–60 ms).
 */
public final class SockDiag {

  static final int SOCK_DIAG_BY_FAMILY = 20;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int NLM_F_REQUEST = 1;
  static final int NLM_F_DUMP = 0x300;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int IPPROTO_TCP = 6;
  static final int TCP_LISTEN = 10;
  static final int HEADER = 16;
  static final int MESSAGE = 72;
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
  private static final int BUFFER = 32 * 1024;
  private static final long RECEIVE_TIMEOUT_MICROS = 500_000;

  private SockDiag() {}

  /** IPv4 then IPv6 listeners, with backlogs. @throws IOException when netlink refuses (errno in the message) */
  public static List<Listening> listeners() throws IOException {
    LibC libc = LibC.get();
    int fd;
    try {
      fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_SOCK_DIAG);
    } catch (LastErrorException e) {
      throw new IOException("netlink sock_diag socket: " + LibC.describe(e), e);
    }
    try {
      libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval(RECEIVE_TIMEOUT_MICROS), 16);
      List<Listening> all = new ArrayList<>();
      int seq = 1;
      for (int family : new int[] {AF_INET, AF_INET6}) {
        dump(libc, fd, family, seq++, all);
      }
      return all;
    } catch (LastErrorException e) {
      throw new IOException("netlink sock_diag: " + LibC.describe(e), e);
    } catch (KernelFormatException e) {
      throw new IOException("netlink sock_diag: " + e.getMessage(), e);
    } finally {
      libc.close(fd);
    }
  }

  private static void dump(LibC libc, int fd, int family, int seq, List<Listening> out)
      throws KernelFormatException {
    byte[] request = request(family, seq);
    byte[] kernel = new byte[12];
    ByteBuffer.wrap(kernel).order(NATIVE).putShort((short) LibC.AF_NETLINK); // sockaddr_nl of the kernel: pid 0
    libc.sendto(fd, request, new NativeLong(request.length), 0, kernel, kernel.length);
    byte[] buffer = new byte[BUFFER];
    boolean done = false;
    while (!done) {
      int n = libc.recv(fd, buffer, new NativeLong(buffer.length), 0).intValue();
      if (n <= 0) {
        throw new KernelFormatException("the dump ended without NLMSG_DONE");
      }
      done = parse(buffer, n, seq, out);
    }
  }

  /** {@code nlmsghdr} + {@code inet_diag_req_v2} asking for the LISTEN TCP sockets of {@code family}. */
  static byte[] request(int family, int seq) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + 56).order(NATIVE);
    b.putInt(HEADER + 56).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
        .putInt(seq).putInt(0);
    b.put((byte) family).put((byte) IPPROTO_TCP).put((byte) 0).put((byte) 0).putInt(1 << TCP_LISTEN);
    return b.array(); // inet_diag_sockid (48 bytes) left zero: match every socket
  }

  /**
   * Adds the listeners in one datagram of the dump to {@code out}.
   *
   * @return true when the datagram ends the dump ({@code NLMSG_DONE})
   * @throws KernelFormatException on {@code NLMSG_ERROR} (with the errno) or a message that overruns the datagram
   */
  static boolean parse(byte[] datagram, int length, int seq, List<Listening> out) throws KernelFormatException {
    ByteBuffer b = ByteBuffer.wrap(datagram, 0, length).order(NATIVE);
    int at = 0;
    while (at + HEADER <= length) {
      int len = b.getInt(at);
      int type = b.getShort(at + 4) & 0xffff;
      if (len < HEADER || at + len > length) {
        throw new KernelFormatException("netlink message of length " + len + " at " + at + " of " + length);
      }
      if (b.getInt(at + 8) == seq) {
        if (type == NLMSG_DONE) {
          return true;
        }
        if (type == NLMSG_ERROR) {
          int errno = len >= HEADER + 4 ? -b.getInt(at + HEADER) : 0;
          throw new KernelFormatException("the kernel answered errno " + errno);
        }
        if (type == SOCK_DIAG_BY_FAMILY && len >= HEADER + MESSAGE) {
          out.add(message(b, at + HEADER));
        }
      }
      at += (len + 3) & ~3; // NLMSG_ALIGN
    }
    return false;
  }

  /** One {@code inet_diag_msg}: family, state, sockid (ports big-endian, addresses network order), queues, inode. */
  private static Listening message(ByteBuffer b, int m) {
    int family = b.get(m) & 0xff;
    int port = ((b.get(m + 4) & 0xff) << 8) | (b.get(m + 5) & 0xff);
    byte[] addr = new byte[family == AF_INET6 ? 16 : 4];
    b.get(m + 8, addr);
    long rqueue = b.getInt(m + 56) & 0xffffffffL;
    long wqueue = b.getInt(m + 60) & 0xffffffffL;
    long inode = b.getInt(m + 68) & 0xffffffffL;
    return new Listening(Addresses.format(addr), port, rqueue, wqueue, inode);
  }

  private static byte[] timeval(long micros) {
    ByteBuffer b = ByteBuffer.allocate(16).order(NATIVE);
    b.putLong(micros / 1_000_000).putLong(micros % 1_000_000);
    return b.array();
  }
}
