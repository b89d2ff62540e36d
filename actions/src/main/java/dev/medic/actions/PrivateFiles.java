package dev.medic.actions;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creating and opening files under Medic's state dir without following links. Medic runs as root and the state
 * dir may hold files a local attacker planted: a {@code journal.jsonl} or {@code evidence} symlink to
 * {@code /etc} would make root append to, or create folders in, the attacker's target. So every folder is
 * created 0700 and checked with {@code lstat} afterwards (create-then-check: an existing link is refused, never
 * followed), and every file is opened with {@code O_NOFOLLOW}, refused unless it is a regular file with one link
 * (a planted hard link is refused too, and a FIFO would block the opener).
 *
 * <p>The state dir itself must be a real folder (not a link) owned by the user Medic runs as and writable by
 * nobody else: {@link #checkStateDir}. Errors are {@link IOException}s with a one-line message that names the
 * path and the reason.
 */
public final class PrivateFiles {

  private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates the state dir (0700, parents as usual) when missing; refuses one that is a symbolic link, not a
   * folder, not owned by the user Medic runs as, or writable by its group or others.
   */
  public static Path checkStateDir(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs, NOFOLLOW_LINKS)) {
      Path parent = abs.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      directory(abs);
    }
    PosixFileAttributes attrs = attributes(abs, "state dir");
    if (attrs.isSymbolicLink()) {
      throw new IOException("state dir " + abs + " is a symbolic link: refused (make it a real folder)");
    }
    if (!attrs.isDirectory()) {
      throw new IOException("state dir " + abs + " is not a folder: refused");
    }
    int owner = uid(abs);
    int self = currentUid();
    if (owner != self) {
      throw new IOException("state dir " + abs + " is owned by uid " + owner + ", not by uid " + self
          + " that Medic runs as: refused (chown it)");
    }
    Set<PosixFilePermission> perms = attrs.permissions();
    if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException("state dir " + abs + " is writable by its group or others ("
          + PosixFilePermissions.toString(perms) + "): refused (chmod 700 it)");
    }
    return abs;
  }

  /** Creates {@code dir} 0700 if missing; refuses it when it is (or became) a symbolic link or not a folder. */
  public static Path directory(Path dir) throws IOException {
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
      Files.setPosixFilePermissions(dir, DIR_PERMS); // a strange umask could remove our bits
    } catch (FileAlreadyExistsException exists) {
      // checked below, without following it
    }
    PosixFileAttributes attrs = attributes(dir, "folder");
    if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
      throw new IOException(dir + " is " + (attrs.isSymbolicLink() ? "a symbolic link" : "not a folder")
          + ": refused, nothing written there");
    }
    return dir;
  }

  /**
   * Opens {@code file} for writing with {@code O_NOFOLLOW}, creating it 0600; {@code options} add APPEND or
   * TRUNCATE_EXISTING. An existing link, a non-regular file or a file with more than one hard link is refused.
   */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    if (Files.exists(file, NOFOLLOW_LINKS)) {
      refuseUnsafe(file);
    }
    Set<OpenOption> all = new java.util.HashSet<>(Set.of(options));
    all.add(StandardOpenOption.CREATE);
    all.add(StandardOpenOption.WRITE);
    all.add(NOFOLLOW_LINKS);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, all, PosixFilePermissions.asFileAttribute(FILE_PERMS));
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(file)) {
        throw new IOException(file + " is a symbolic link: refused, nothing written there");
      }
      throw e;
    }
    try {
      refuseUnsafe(file); // create-then-check: what was opened is a plain file of ours
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  /** Refuses a path that is a link, not a regular file, or hard-linked elsewhere. */
  public static void refuseUnsafe(Path file) throws IOException {
    PosixFileAttributes attrs = attributes(file, "file");
    if (attrs.isSymbolicLink()) {
      throw new IOException(file + " is a symbolic link: refused, nothing written there");
    }
    if (!attrs.isRegularFile()) {
      throw new IOException(file + " is not a regular file: refused");
    }
    Object links = Files.getAttribute(file, "unix:nlink", NOFOLLOW_LINKS);
    if (links instanceof Integer n && n > 1) {
      throw new IOException(file + " has " + n + " hard links: refused, nothing written there");
    }
  }

  /** The uid Medic runs as: the owner of {@code /proc/self}. */
  public static int currentUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  private static int uid(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:uid", NOFOLLOW_LINKS);
  }

  private static PosixFileAttributes attributes(Path p, String what) throws IOException {
    try {
      return Files.readAttributes(p, PosixFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new IOException(what + " " + p + " vanished while it was being opened");
    }
  }
}
