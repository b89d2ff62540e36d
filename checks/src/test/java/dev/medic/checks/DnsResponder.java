package dev.medic.checks;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A real DNS responder on 127.0.0.1 (a UDP socket on a free port) for the tests, answering by the first label of
 * the name: {@code ok-*} NOERROR with one A record (127.0.0.1), {@code empty-*} NOERROR without answers,
 * {@code nx-*} NXDOMAIN, {@code fail-*} SERVFAIL, {@code refused-*} REFUSED, {@code drop-*} nothing at all.
 * With {@code silent} it never answers anything (a dead first nameserver).
 */
final class DnsResponder implements AutoCloseable {

  private final DatagramSocket socket;
  private final boolean silent;
  private final Thread thread;
  private final String address;

  DnsResponder(boolean silent) throws SocketException {
    this(InetAddress.getLoopbackAddress(), silent);
  }

  /** Bound on {@code address} (a free port): in the namespace of the thread that makes it. */
  DnsResponder(InetAddress address, boolean silent) throws SocketException {
    this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
    this.address = address.getHostAddress();
    this.silent = silent;
    this.thread = new Thread(this::serve, "dns-responder");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code address:port}, as a check's nameserver. */
  String address() {
    return address + ":" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        byte[] reply = silent ? null : reply(buf, p.getLength());
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static byte[] reply(byte[] q, int length) {
    int end = 12;
    while (end < length && q[end] != 0) {
      end += (q[end] & 0xff) + 1;
    }
    int questionEnd = end + 5; // the root label, QTYPE, QCLASS
    String first = new String(q, 13, q[12] & 0xff, StandardCharsets.US_ASCII);
    int rcode;
    int answers = 0;
    if (first.startsWith("drop-")) {
      return null;
    } else if (first.startsWith("nx-")) {
      rcode = 3;
    } else if (first.startsWith("fail-")) {
      rcode = 2;
    } else if (first.startsWith("refused-")) {
      rcode = 5;
    } else {
      rcode = 0;
      answers = first.startsWith("empty-") ? 0 : 1;
    }
    byte[] answer = {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1};
    byte[] out = new byte[questionEnd + answers * answer.length];
    System.arraycopy(q, 0, out, 0, questionEnd);
    out[2] = (byte) 0x81; // QR, RD
    out[3] = (byte) (0x80 | rcode); // RA
    out[7] = (byte) answers;
    if (answers == 1) {
      System.arraycopy(answer, 0, out, questionEnd, answer.length);
    }
    return out;
  }

  @Override
  public void close() {
    socket.close();
  }
}
