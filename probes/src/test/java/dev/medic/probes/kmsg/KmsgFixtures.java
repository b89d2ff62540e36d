package dev.medic.probes.kmsg;

import dev.medic.probes.Fixtures;
import dev.medic.probes.HostRoot;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.WarnOnce;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Test helpers: the kmsg fixture hosts under {@code fixtures/kmsg/<case>} and records built inline. */
final class KmsgFixtures {

  private KmsgFixtures() {}

  static HostRoot host(String name) {
    return Fixtures.host("kmsg/" + name);
  }

  /** Every record of a fixture's {@code dev/kmsg}, read the way the source reads a regular file. */
  static List<KmsgRecord> records(String name, ProbeMetrics metrics) {
    List<KmsgRecord> records = new ArrayList<>();
    try (DeviceStream stream =
        DeviceStream.open(host(name).dev("kmsg"), metrics, new WarnOnce(LoggerFactory.getLogger("test")))) {
      KmsgRecord record;
      while ((record = stream.next()) != null) {
        records.add(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  static KmsgRecord record(long sequence, long micros, int priority, String message) {
    return new KmsgRecord(priority, sequence, micros, message);
  }
}
