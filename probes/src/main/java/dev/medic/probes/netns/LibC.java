package dev.medic.probes.netns;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The few libc calls the JDK does not offer, bound with JNA: {@code setns} to enter a network namespace and the
 * socket calls a netlink client needs. Every call declares {@link LastErrorException}, so a failure arrives as an
 * exception carrying errno ({@link LastErrorException#getErrorCode()}) instead of a -1 to check. Constants are the
 * Linux generic values (x86-64 and arm64 agree on all of them).
 */
public interface LibC extends Library {

  /** Loaded on first use: JNA's native stub costs 30–60 ms once, so code that never needs it never pays. */
  static LibC get() {
    return Holder.INSTANCE;
  }

  int O_RDONLY = 0;
  int O_CLOEXEC = 0x80000;
  int CLONE_NEWNET = 0x40000000;
  int AF_NETLINK = 16;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int NETLINK_SOCK_DIAG = 4;
  int SOL_SOCKET = 1;
  int SO_RCVTIMEO = 20;

  int open(String path, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int setns(int fd, int nstype) throws LastErrorException;

  int gettid();

  int getpagesize();

  /** The kernel's page size in bytes (sockstat and tcp_mem count pages). */
  static long pageSize() {
    return get().getpagesize();
  }

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

  NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
      throws LastErrorException;

  NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

  /** The message of an errno, as {@code strerror} would give it; for exceptions that go to logs. */
  static String describe(LastErrorException e) {
    return "errno " + e.getErrorCode() + " (" + e.getMessage() + ")";
  }

  /** Lazy holder: the library is loaded when {@link #get()} is first called. */
  final class Holder {
    static final LibC INSTANCE = Native.load("c", LibC.class);

    private Holder() {}
  }
}
