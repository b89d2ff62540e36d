package dev.medic.engine.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens a file Medic was told to read (a config, a runbook, a recording) only when it is a regular file, and reads
 * it within a size cap. The type is looked at before opening, without following a link, so a FIFO (whose open
 * blocks until a writer comes), a device ({@code /dev/zero} never ends) or a folder is refused with one sentence
 * instead of a hang or an out-of-memory. A link is followed only when what it points at is a regular file.
 */
public final class InputFile {

  /** The most bytes a config file or a runbook file may hold. */
  public static final int MAX_YAML_BYTES = 1 << 20;

  private InputFile() {}

  /** A file that cannot be read as asked; the message is one sentence without the path. */
  public static final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  /** Refuses anything but a regular file (or a link to one). */
  public static void requireRegular(Path file) throws Refused {
    BasicFileAttributes own = attributes(file, LinkOption.NOFOLLOW_LINKS);
    BasicFileAttributes target = own.isSymbolicLink() ? attributes(file) : own;
    if (target.isRegularFile()) {
      return;
    }
    String via = own.isSymbolicLink() ? "a link to " : "";
    throw new Refused("is " + via + (target.isDirectory() ? "a folder" : "not a regular file (a FIFO, socket or "
        + "device)") + "; expected a file");
  }

  /** The whole file, refused when it is not a regular file or holds more than {@code max} bytes. */
  public static byte[] readBounded(Path file, int max) throws IOException {
    try (InputStream in = open(file)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new Refused("is larger than " + size(max) + ", the most Medic reads from such a file");
      }
      return bytes;
    }
  }

  /** A stream over a regular file. */
  public static InputStream open(Path file) throws IOException {
    requireRegular(file);
    return Files.newInputStream(file);
  }

  /** An I/O failure as one sentence: the JDK's messages repeat the path and sometimes say only the path. */
  public static String reason(IOException e) {
    if (e instanceof Refused) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return "cannot read: " + Echo.of(String.valueOf(e.getMessage()));
  }

  private static BasicFileAttributes attributes(Path file, LinkOption... options) throws Refused {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, options);
    } catch (NoSuchFileException e) {
      throw new Refused("no such file");
    } catch (IOException e) {
      throw new Refused("cannot read: " + Echo.of(String.valueOf(e.getMessage())));
    }
  }

  private static String size(int bytes) {
    return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes + " bytes";
  }
}
