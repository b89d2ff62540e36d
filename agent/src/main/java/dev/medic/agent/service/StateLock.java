package dev.medic.agent.service;

import dev.medic.actions.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One agent per state dir: {@code <state-dir>/medic.lock}, locked with {@code flock}-style {@link FileLock} for as
 * long as the agent runs and holding its pid. Two agents on one journal would interleave their plans and each
 * repeat the other's actions. The kernel drops the lock when its process dies, however it dies, so a lock left by
 * a killed agent is taken over by the next start with no stale-file cleanup; the pid in the file is only for the
 * message.
 */
public final class StateLock implements AutoCloseable {

  public static final String FILE = "medic.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or throws {@link Held} naming the agent that holds it. */
  public static StateLock acquire(Path stateDir) throws IOException {
    // a link, a foreign owner or an open mode refused before anything is written (PrivateFiles)
    Path file = PrivateFiles.checkStateDir(stateDir).resolve(FILE);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      PrivateFiles.refuseUnsafe(file);
    }
    FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
      lock = null; // this JVM already holds it: a second agent in one process is a second agent too
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      String holder = holder(ch);
      ch.close();
      throw new Held("another Medic agent" + (holder.isEmpty() ? "" : " (pid " + holder + ")") + " is running on "
          + stateDir + " (it holds " + file + "); stop it first or give this one another --state-dir");
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    ch.force(false);
    return new StateLock(ch, lock);
  }

  private static String holder(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(32);
    ch.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
  }

  /** Releases the lock; the file stays (its next holder overwrites the pid). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** The state dir is locked by another live agent. */
  public static final class Held extends IOException {
    public Held(String message) {
      super(message);
    }
  }
}
