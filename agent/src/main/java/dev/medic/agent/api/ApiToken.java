package dev.medic.agent.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The bearer token every change through the API needs, kept in a file only its owner can read. The API refuses to
 * start when the file is readable by group or others (someone could have copied it); a missing file is created
 * 0600 with 32 random bytes, so a first start needs no setup and the CLI on the same host reads the same file.
 */
public final class ApiToken {

  private static final Set<PosixFilePermission> LOOSE = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final byte[] token;

  private ApiToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** A token that cannot be used to start the API; the message says what to do. */
  public static final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  /** Reads the token file, or creates it (0600, its folder 0700) when it does not exist. */
  public static ApiToken loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      create(file);
    }
    return new ApiToken(read(file));
  }

  /** Reads an existing token file, refusing one that others can read: what the API and the CLI use. */
  public static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new Refused("no API token file " + file + " (the agent creates it at its first start)");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (perms.stream().anyMatch(LOOSE::contains)) {
      throw new Refused("token file " + file + " is readable by group or others (" + PosixFilePermissions
          .toString(perms) + "): run chmod 600 " + file);
    }
    String t = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (t.length() < 16 || !t.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new Refused("token file " + file + " must hold one token of at least 16 printable characters");
    }
    return t;
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.exists(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    Path tmp = Files.createTempFile(dir, ".api.token", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Whether an {@code Authorization} header holds this token; compared in constant time. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, given);
  }
}
