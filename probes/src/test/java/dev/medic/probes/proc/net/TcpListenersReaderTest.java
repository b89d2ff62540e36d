package dev.medic.probes.proc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.internal.KernelFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link TcpListenersReader} and {@link Addresses}. */
class TcpListenersReaderTest {

  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  @Test
  void theReferenceSampleStopsAtTheFirstRowNotListening() throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    List<Listening> rows = TcpListenersReader.parse(NetFixtures.net(NetFixtures.REFERENCE, "tcp"), metrics);
    assertEquals(List.of(new Listening("0.0.0.0", 2024, 0, null, 1080),
        new Listening("0.0.0.0", 8082, 2, null, 115948)), rows);
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void thisMachinesIpv4AndIpv6Listeners() {
    ProbeMetrics metrics = new ProbeMetrics();
    List<Listening> rows = new TcpListenersReader(NetFixtures.HOST, metrics).read(NetFixtures.hostOf(NetFixtures.HOST));
    assertEquals(List.of(new Listening("127.0.0.1", 18082, 2, null, 41685),
        new Listening("0.0.0.0", 2024, 0, null, 1255)), rows.subList(0, 2));
    assertEquals(3, rows.size(), "the ESTABLISHED rows after the LISTEN ones are not read");
    assertEquals("::", rows.get(2).addr());
    assertEquals(18080, rows.get(2).port());
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void aGarbledRowIsSkippedAndCounted() throws KernelFormatException {
    ProbeMetrics metrics = new ProbeMetrics();
    List<Listening> rows = TcpListenersReader.parse(HEADER
        + "   0: 0000000G:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1080 1 0 100 0 0 10 0\n"
        + "   1: 00000000:1F92 00000000:0000 0A 00000000:00000002 00:00000000 00000000 0 0 115948 3 0 100 0 0 10 0\n"
        + "   2: short\n", metrics);
    assertEquals(List.of(new Listening("0.0.0.0", 8082, 2, null, 115948)), rows);
    assertEquals(2, metrics.skippedRecords());
  }

  @Test
  void aHeaderWithoutTheNamedColumnsIsRefused() {
    assertThrows(KernelFormatException.class,
        () -> TcpListenersReader.parse("sl local st\n 0: 0 0A\n", new ProbeMetrics()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0100007F, 127.0.0.1",
    "020200C0, 192.0.2.2",
    "00000000000000000000000000000000, ::",
    "00000000000000000000000001000000, ::1",
    "0000000000000000FFFF00000100007F, ::ffff:127.0.0.1",
    "000080FE00000000FF00FC0001000EFE, fe80::fc:ff:fe0e:1",
    "B80D0120000000000000000001000000, 2001:db8::1",
  })
  void procHexAddresses(String hex, String text) {
    assertEquals(text, Addresses.format(Addresses.procWords(hex)));
  }
}
