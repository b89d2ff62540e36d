package dev.medic.actions;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One folder of evidence for one incident: captured files plus a {@code manifest.json} listing each file's name,
 * size and SHA-256, so a bundle handed to a vendor can be checked for completeness and tampering.
 *
 * <p>Captures hold command lines, memory maps and open files of production processes, so the folder is 0700 and
 * every file 0600, with the permissions set at creation (no window in which another user could open them).
 * Reopening an existing folder keeps the files its manifest already lists.
 */
public final class EvidenceBundle {

  /** The manifest's file name; reserved, actions cannot write it. */
  public static final String MANIFEST = "manifest.json";

  private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private record Entry(String name, long bytes, String sha256) {}

  private final Path dir;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private EvidenceBundle(Path dir) {
    this.dir = dir;
  }

  /** Opens {@code dir}, creating it and any missing parents with 0700. */
  public static EvidenceBundle open(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    createPrivateDirectories(absolute);
    EvidenceBundle bundle = new EvidenceBundle(absolute);
    bundle.loadManifest();
    return bundle;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Writes {@code content} as {@code dir/name} (0600, replacing an earlier file of that name) and rewrites the
   * manifest.
   *
   * @return {@code name}, for {@link ActionResult#evidence()}
   * @throws IllegalArgumentException if the name is empty, contains {@code /}, {@code ..} or NUL, or is reserved
   */
  public synchronized String write(String name, byte[] content) throws IOException {
    checkName(name);
    writePrivate(dir.resolve(name), content);
    entries.put(name, new Entry(name, content.length, sha256(content)));
    writeManifest();
    return name;
  }

  /** {@link #write(String, byte[])} with the text encoded as UTF-8. */
  public synchronized String write(String name, String content) throws IOException {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** The files written so far, in first-written order (the manifest not included). */
  public synchronized List<String> files() {
    return List.copyOf(entries.keySet());
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty() || name.contains("/") || name.contains("..") || name.indexOf('\0') >= 0
        || name.equals(".") || name.startsWith(MANIFEST)) {
      throw new IllegalArgumentException("not a valid evidence file name: '" + name + "'");
    }
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
      missing.push(p);
    }
    FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(DIR_PERMS);
    for (Path p : missing) {
      try {
        Files.createDirectory(p, attr);
        // The umask can only remove bits, but a strange umask could remove ours; make it exact.
        Files.setPosixFilePermissions(p, DIR_PERMS);
      } catch (FileAlreadyExistsException raced) {
        // Someone else created it in between; the checks below cover the leaf.
      }
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, NOFOLLOW_LINKS)) {
      throw new IOException("evidence path is not a plain directory: " + dir);
    }
    Files.setPosixFilePermissions(dir, DIR_PERMS);
  }

  private static void writePrivate(Path path, byte[] content) throws IOException {
    // NOFOLLOW_LINKS: a symlink planted in the folder must not redirect a capture elsewhere.
    Set<OpenOption> options = Set.of(CREATE, WRITE, TRUNCATE_EXISTING, NOFOLLOW_LINKS);
    try (SeekableByteChannel channel =
        Files.newByteChannel(path, options, PosixFilePermissions.asFileAttribute(FILE_PERMS))) {
      // The creation mode does not apply when an existing file is truncated, so set it explicitly too.
      Files.setPosixFilePermissions(path, FILE_PERMS);
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private void writeManifest() throws IOException {
    byte[] json = JSON.writeValueAsBytes(Map.of("files", List.copyOf(entries.values())));
    // Write then rename, so a crash never leaves a half-written manifest behind.
    Path tmp = dir.resolve(MANIFEST + ".tmp");
    writePrivate(tmp, json);
    Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void loadManifest() throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.exists(manifest)) {
      return;
    }
    for (JsonNode file : JSON.readTree(manifest.toFile()).path("files")) {
      Entry entry = new Entry(file.path("name").asText(), file.path("bytes").asLong(), file.path("sha256").asText());
      entries.put(entry.name(), entry);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
