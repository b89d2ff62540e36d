package dev.medic.actions;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.medic.probes.text.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>Nothing under the folder is followed if it is a link ({@link PrivateFiles}): a symlink planted for the
 * evidence root, the incident folder, a file or the manifest is refused and nothing is written through it. Text
 * written with {@link #write(String, String)} is redacted and escaped by {@link Redaction#text} first (tool output such as pmap's header holds the
 * command line), so no capture leaks a secret argument or carries raw terminal escapes.
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

  /**
   * Opens {@code root/name} (an incident's folder under the evidence root), creating both 0700; neither may be a
   * symbolic link, and the name must be one path element.
   */
  public static EvidenceBundle open(Path root, String name) throws IOException {
    checkName(name);
    Path absolute = PrivateFiles.directory(root.toAbsolutePath().normalize());
    EvidenceBundle bundle = new EvidenceBundle(PrivateFiles.directory(absolute.resolve(name)));
    bundle.loadManifest();
    return bundle;
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

  /**
   * Text evidence (every capture's output is text): redacted and escaped by {@link Redaction#text}, then written
   * as UTF-8 by {@link #write(String, byte[])}, which keeps bytes as they are and is for binary content only.
   */
  public synchronized String write(String name, String content) throws IOException {
    return write(name, Redaction.text(content).getBytes(StandardCharsets.UTF_8));
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
    for (Path p : missing) {
      PrivateFiles.directory(p); // created 0700, then checked without following: a link planted in between fails
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, NOFOLLOW_LINKS)) {
      throw new IOException("evidence path is not a plain directory: " + dir);
    }
    Files.setPosixFilePermissions(dir, DIR_PERMS);
  }

  private static void writePrivate(Path path, byte[] content) throws IOException {
    // NOFOLLOW_LINKS: a symlink planted in the folder must not redirect a capture elsewhere.
    try (FileChannel channel = PrivateFiles.open(path, TRUNCATE_EXISTING)) {
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
    if (!Files.exists(manifest, NOFOLLOW_LINKS)) {
      return;
    }
    PrivateFiles.refuseUnsafe(manifest);
    JsonNode tree;
    try (InputStream in = Files.newInputStream(manifest, NOFOLLOW_LINKS)) {
      tree = JSON.readTree(in);
    }
    for (JsonNode file : tree.path("files")) {
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
