package dev.medic.probes.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medic.probes.Fixtures;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Tests for {@link DeviceStream}: a regular file is split into records by lines, the device by read(2). */
class DeviceStreamTest {

  private final ProbeMetrics metrics = new ProbeMetrics();
  private final WarnOnce warnOnce = new WarnOnce(LoggerFactory.getLogger(DeviceStreamTest.class));

  @Test
  void regularFileIsSplitOnLinesKeepingContinuationsWithTheirRecord(@TempDir Path dir) throws IOException {
    Path dump = Fixtures.write(dir, "kmsg", " DEVICE=+orphan\n"
        + "6,1,10,-;first\n SUBSYSTEM=pci\n DEVICE=+pci:0000:00:1f.6\n"
        + "\n"
        + "4,2,20,-; second starts with a space\n"
        + "not a record\n"
        + "3,3,30,-;third, no final newline");
    try (DeviceStream stream = DeviceStream.open(dump, metrics, warnOnce)) {
      assertFalse(stream.isDevice());
      assertEquals(new KmsgRecord(6, 1, 10, "first"), stream.next());
      assertEquals(new KmsgRecord(4, 2, 20, " second starts with a space"), stream.next());
      assertEquals(new KmsgRecord(3, 3, 30, "third, no final newline"), stream.next());
      assertNull(stream.next(), "a dump ends at end of file");
      assertNull(stream.next());
    }
    assertEquals(2, metrics.skippedRecords(), "the orphan dictionary line and 'not a record'");
  }

  @Test
  void fixtureRecordsAreInSequence() {
    List<KmsgRecord> records = KmsgFixtures.records("global-oom", metrics);
    for (int i = 0; i < records.size(); i++) {
      assertEquals(i, records.get(i).sequence());
    }
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void missingFileFailsToOpen(@TempDir Path dir) {
    assertThrows(NoSuchFileException.class, () -> DeviceStream.open(dir.resolve("kmsg"), metrics, warnOnce));
  }

  /** The real device: one record per read, consecutive sequence numbers, dictionaries not in the message. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void deviceGivesOneRecordPerRead() throws IOException {
    Path device = Path.of("/dev/kmsg");
    assumeTrue(Files.isReadable(device), "/dev/kmsg not readable");
    DeviceStream stream;
    try {
      stream = DeviceStream.open(device, metrics, warnOnce);
    } catch (IOException e) {
      assumeTrue(false, "cannot open /dev/kmsg: " + e);
      return;
    }
    try (stream) {
      assertTrue(stream.isDevice());
      KmsgRecord first = stream.next();
      for (int i = 1; i <= 20; i++) {
        KmsgRecord next = stream.next();
        assertEquals(first.sequence() + i, next.sequence(), "one read, one record");
        assertFalse(next.message().contains("\n"), next.message());
      }
    }
  }
}
