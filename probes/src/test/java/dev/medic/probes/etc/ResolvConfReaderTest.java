package dev.medic.probes.etc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.medic.probes.Fixtures;
import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.ResolverSample;
import dev.medic.probes.netns.NetNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ResolvConfReader}. */
class ResolvConfReaderTest {

  /** Content (lines separated by '~'), then nameservers, count, timeout, attempts, rotate, ndots, search, skipped. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        // this machine and the reference: no options, the defaults
        "'nameserver 10.255.255.53~' | 10.255.255.53 | 1 | 5 | 2 | false | 1 | NULL | 0",
        // the lab's client namespace
        "'nameserver 198.51.100.2~options timeout:1 attempts:2~' | 198.51.100.2 | 1 | 1 | 2 | false | 1 | NULL | 0",
        "'# comment~; also~search a.example b.example~nameserver ::1~nameserver fe80::1%eth0~options rotate ndots:5~'"
            + " | '::1,fe80::1%eth0' | 2 | 5 | 2 | true | 5 | a.example b.example | 0",
        // glibc caps, and the last search/domain wins
        "'domain x.example~search y.example~options timeout:99 attempts:0 ndots:40~' | '' | 0 | 30 | 1 | false | 15"
            + " | y.example | 0",
        // garbage: an unknown keyword, a nameserver that is not an address, an option that is not a number
        "'nameserverx 1.2.3.4~nameserver dns.example~nameserver 9.9.9.9~options timeout:x~' | 9.9.9.9 | 1 | 5 | 2"
            + " | false | 1 | NULL | 3",
      })
  void resolvConf(String content, String nameservers, int count, int timeout, int attempts, boolean rotate,
      int ndots, String search, long skipped) {
    ProbeMetrics metrics = new ProbeMetrics();
    assertEquals(new ResolverSample(1, "host", nameservers, count, timeout, attempts, rotate, ndots, search),
        ResolvConfReader.parse(content.replace('~', '\n'), 1, "host", metrics));
    assertEquals(skipped, metrics.skippedRecords());
  }

  @Test
  void theHostFixture() throws Exception {
    var root = Fixtures.host("net-host");
    ResolverSample r = new ResolvConfReader(root, new ProbeMetrics()).read(1, NetNamespace.host(root)).orElseThrow();
    assertEquals("10.255.255.53", r.nameservers());
  }
}
