package dev.medic.probes.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link JournalStream}: journalctl's export format, replayed with {@code cat}. */
class JournalStreamTest {

  /** Export output with the given entries; a field whose value holds a newline is written in binary form. */
  static byte[] export(List<List<String>> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (List<String> entry : entries) {
      for (String field : entry) {
        int eq = field.indexOf('=');
        String value = field.substring(eq + 1);
        if (value.contains("\n")) {
          byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
          out.writeBytes((field.substring(0, eq) + "\n").getBytes(StandardCharsets.UTF_8));
          out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length).array());
          out.writeBytes(bytes);
          out.write('\n');
        } else {
          out.writeBytes((field + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      out.write('\n');
    }
    return out.toByteArray();
  }

  static Path exportFile(Path dir, List<List<String>> entries) throws IOException {
    Path file = dir.resolve("export");
    Files.write(file, export(entries));
    return file;
  }

  @Test
  void readsTextAndBinaryFields(@TempDir Path dir) throws IOException {
    Path file = exportFile(dir, List.of(
        List.of("__CURSOR=s=1;i=1", "__MONOTONIC_TIMESTAMP=7208060000", "_TRANSPORT=kernel", "PRIORITY=3",
            "SYSLOG_FACILITY=0", "_SOURCE_MONOTONIC_TIMESTAMP=7208057400",
            "MESSAGE=Out of memory: Killed process 9277 (tail) total-vm:783724kB, anon-rss:566796kB, file-rss:0kB"),
        List.of("__MONOTONIC_TIMESTAMP=7300000000", "_TRANSPORT=kernel", "PRIORITY=4", "MESSAGE=a\nb"),
        List.of("__MONOTONIC_TIMESTAMP=7400000000", "_TRANSPORT=kernel"),
        List.of("_SOURCE_MONOTONIC_TIMESTAMP=7500000000", "_TRANSPORT=kernel", "MESSAGE=no priority")));
    ProbeMetrics metrics = new ProbeMetrics();
    try (JournalStream stream = JournalStream.start(List.of("cat", file.toString()), metrics)) {
      assertEquals(new KmsgRecord(3, -1, 7208057400L,
          "Out of memory: Killed process 9277 (tail) total-vm:783724kB, anon-rss:566796kB, file-rss:0kB"),
          stream.next());
      assertEquals(new KmsgRecord(4, -1, 7300000000L, "a\nb"), stream.next(), "binary field, receive stamp");
      assertEquals(new KmsgRecord(6, -1, 7500000000L, "no priority"), stream.next());
      assertNull(stream.next());
    }
    assertEquals(1, metrics.skippedRecords(), "the entry without MESSAGE");
  }

  /** Only entries of the kernel transport and facility are the kernel's; a process's line is marked user space. */
  @Test
  void entriesNotFromTheKernelAreMarkedUserSpace() {
    String kill = "MESSAGE=Out of memory: Killed process 1 (x)";
    assertTrue(JournalStream.toRecord(entry("_TRANSPORT=kernel", "SYSLOG_FACILITY=0", kill)).fromKernel());
    assertTrue(JournalStream.toRecord(entry("_TRANSPORT=kernel", kill)).fromKernel());
    assertFalse(JournalStream.toRecord(entry("_TRANSPORT=kernel", "SYSLOG_FACILITY=1", kill)).fromKernel());
    assertFalse(JournalStream.toRecord(entry("_TRANSPORT=syslog", kill)).fromKernel());
    assertFalse(JournalStream.toRecord(entry(kill)).fromKernel());
  }

  private static java.util.Map<String, String> entry(String... fields) {
    java.util.Map<String, String> m = new java.util.HashMap<>(java.util.Map.of("__MONOTONIC_TIMESTAMP", "7"));
    for (String f : fields) {
      m.put(f.substring(0, f.indexOf('=')), f.substring(f.indexOf('=') + 1));
    }
    return m;
  }

  @Test
  void missingExecutableFailsToStart() {
    assertThrows(IOException.class,
        () -> JournalStream.start(List.of("/nonexistent/journalctl"), new ProbeMetrics()));
  }

  @Test
  void command() {
    assertEquals(List.of("journalctl", "-k", "-o", "export", "--no-pager", "--lines=all", "-f", "--since=now"),
        JournalStream.command(HostRoot.live(), false, true));
    assertEquals(List.of("journalctl", "-k", "-o", "export", "--no-pager", "--lines=all", "--root=/host", "-b"),
        JournalStream.command(new HostRoot(Path.of("/host")), true, false));
  }
}
