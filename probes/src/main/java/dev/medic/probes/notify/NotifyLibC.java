package dev.medic.probes.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The libc calls the kernel's notification interfaces need and the JDK does not offer: {@code eventfd}, raw
 * {@code open}/{@code read}/{@code write} on a descriptor whose number must be written into a control file, and
 * {@code poll} for {@code POLLPRI}. Bound with JNA like {@code netns.LibC}; every call declares
 * {@link LastErrorException} so a failure carries errno. Public only for JNA's proxy; not an API.
 */
public interface NotifyLibC extends Library {

  int O_RDONLY = 0;
  int O_WRONLY = 1;
  int O_RDWR = 2;
  int O_NONBLOCK = 0x800;
  int O_CLOEXEC = 0x80000;
  int EFD_CLOEXEC = 0x80000;
  short POLLIN = 0x1;
  short POLLPRI = 0x2;
  short POLLERR = 0x8;
  int EINTR = 4;

  static NotifyLibC get() {
    return Holder.INSTANCE;
  }

  int eventfd(int initval, int flags) throws LastErrorException;

  int open(String path, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

  NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

  /** {@code fds} is an array of {@code struct pollfd} (int fd, short events, short revents), see {@link #pollFd}. */
  int poll(byte[] fds, NativeLong nfds, int timeout) throws LastErrorException;

  /** One {@code struct pollfd} in native byte order. */
  static byte[] pollFd(int fd, short events) {
    return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(events).putShort((short) 0)
        .array();
  }

  /** The {@code revents} the kernel wrote into a {@link #pollFd}. */
  static short revents(byte[] pollFd) {
    return ByteBuffer.wrap(pollFd).order(ByteOrder.nativeOrder()).getShort(6);
  }

  /**
   * Waits up to {@code timeoutMillis} for {@code events} on {@code fd}; the revents, 0 on timeout. An EINTR is a
   * timeout here: the caller's loop asks again.
   */
  static short await(int fd, short events, int timeoutMillis) {
    byte[] pfd = pollFd(fd, events);
    try {
      return get().poll(pfd, new NativeLong(1), timeoutMillis) == 0 ? 0 : revents(pfd);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EINTR) {
        return 0;
      }
      throw e;
    }
  }

  /** Closes {@code fd}, ignoring errors: used on paths that already report a failure of their own. */
  static void closeQuietly(int fd) {
    if (fd >= 0) {
      try {
        get().close(fd);
      } catch (LastErrorException ignored) {
        // the descriptor is released either way
      }
    }
  }

  /** Lazy holder: JNA's stub loads on first use, so a host that never arms a notifier never pays for it. */
  final class Holder {
    static final NotifyLibC INSTANCE = Native.load("c", NotifyLibC.class);

    private Holder() {}
  }
}
