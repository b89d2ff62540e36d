package dev.medic.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link EvidenceBundle}. */
class EvidenceBundleTest {

  @TempDir Path tmp;

  @Test
  void open_createsDirAndMissingParentsWith0700() throws IOException {
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("a/b/incident-1"));

    assertEquals(tmp.resolve("a/b/incident-1"), bundle.dir());
    for (String dir : List.of("a", "a/b", "a/b/incident-1")) {
      assertEquals("rwx------", perms(tmp.resolve(dir)), dir);
    }
  }

  @Test
  void open_tightensAnExistingDir() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("loose"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    EvidenceBundle.open(dir);

    assertEquals("rwx------", perms(dir));
  }

  @Test
  void write_files0600AndManifestListsNameBytesSha256() throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));
    byte[] binary = {0, 1, 2, (byte) 0xff};

    assertEquals("pmap.txt", bundle.write("pmap.txt", "total kB 42\n"));
    bundle.write("raw.bin", binary);

    assertEquals(List.of("pmap.txt", "raw.bin"), bundle.files());
    for (String file : List.of("pmap.txt", "raw.bin", EvidenceBundle.MANIFEST)) {
      assertEquals("rw-------", perms(bundle.dir().resolve(file)), file);
    }
    JsonNode files = manifest(bundle).path("files");
    assertEquals(2, files.size());
    assertEquals("pmap.txt", files.get(0).path("name").asText());
    assertEquals(12, files.get(0).path("bytes").asLong());
    assertEquals(sha256("total kB 42\n".getBytes(StandardCharsets.UTF_8)), files.get(0).path("sha256").asText());
    assertEquals("raw.bin", files.get(1).path("name").asText());
    assertEquals(sha256(binary), files.get(1).path("sha256").asText());
    assertFalse(Files.exists(bundle.dir().resolve(EvidenceBundle.MANIFEST + ".tmp")));
  }

  @Test
  void write_replacesAnExistingFileAndTightensIt() throws Exception {
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("c"));
    Path planted = Files.writeString(bundle.dir().resolve("lsof.txt"), "old and longer content");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-r--r--"));

    bundle.write("lsof.txt", "new");
    bundle.write("lsof.txt", "newer");

    assertEquals("newer", Files.readString(planted));
    assertEquals("rw-------", perms(planted));
    assertEquals(List.of("lsof.txt"), bundle.files());
    JsonNode files = manifest(bundle).path("files");
    assertEquals(1, files.size());
    assertEquals(5, files.get(0).path("bytes").asLong());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "/etc/passwd", "..", ".", "", "x\0y", "manifest.json", "manifest.json.tmp"})
  void write_rejectsUnsafeOrReservedNames(String name) throws IOException {
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("d"));

    assertThrows(IllegalArgumentException.class, () -> bundle.write(name, "x"));
    assertFalse(Files.exists(tmp.resolve("x")));
    assertEquals(List.of(), bundle.files());
  }

  @Test
  void write_doesNotFollowAPlantedSymlink() throws IOException {
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("e"));
    Path outside = tmp.resolve("outside.txt");
    Files.createSymbolicLink(bundle.dir().resolve("identity.txt"), outside);

    assertThrows(IOException.class, () -> bundle.write("identity.txt", "secret"));
    assertFalse(Files.exists(outside));
  }

  @Test
  void open_rejectsASymlinkAsTheDir() throws IOException {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

    assertThrows(IOException.class, () -> EvidenceBundle.open(link));
  }

  @Test
  void open_again_keepsFilesTheManifestListed() throws IOException {
    EvidenceBundle first = EvidenceBundle.open(tmp.resolve("f"));
    first.write("one.txt", "1");

    EvidenceBundle second = EvidenceBundle.open(tmp.resolve("f"));
    second.write("two.txt", "2");

    assertEquals(List.of("one.txt", "two.txt"), second.files());
    assertEquals(2, manifest(second).path("files").size());
  }

  private static String perms(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static JsonNode manifest(EvidenceBundle bundle) throws IOException {
    return new ObjectMapper().readTree(bundle.dir().resolve(EvidenceBundle.MANIFEST).toFile());
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
