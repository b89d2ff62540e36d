package dev.medic.probes.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link KmsgRecord#parse}. */
class KmsgRecordTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    "3,1699,7208057400,-;Out of memory: Killed process 9277 (tail)|3|1699|7208057400|Out of memory: Killed process"
        + " 9277 (tail)|0",
    "6,0,0,-;Linux version 6.1.0|6|0|0|Linux version 6.1.0|0",
    // facility bits apart: a userspace write to /dev/kmsg is LOG_USER (1<<3) | level, systemd's LOG_DAEMON (3<<3)
    "12,5,100,-;medic-test: hello|4|5|100|medic-test: hello|1",
    "30,6,100,c;systemd[1]: started|6|6|100|systemd[1]: started|3",
    // flags other than '-' (continuation 'c', '+') and extra header fields (caller id) are accepted
    "4,7,200,+,caller=T1;x|4|7|200|x|0",
    // a message may be empty, may start with a space (stack traces), may contain ';' and ','
    "4,8,300,-;|4|8|300|''|0",
    "4,9,400,-; dump_stack_lvl+0x44/0x5c|4|9|400|' dump_stack_lvl+0x44/0x5c'|0",
    "4,10,500,-;a;b,c|4|10|500|a;b,c|0",
  })
  void parses(String raw, int priority, long sequence, long micros, String message, int facility) {
    assertEquals(Optional.of(new KmsgRecord(priority, sequence, micros, message, facility)), KmsgRecord.parse(raw));
  }

  @Test
  void dropsTrailingNewlineAndDictionaryLines() {
    KmsgRecord record = KmsgRecord.parse(
        "6,480,2834412,-;e1000e 0000:00:1f.6 eth0: NIC Link is Up\n SUBSYSTEM=pci\n DEVICE=+pci:0000:00:1f.6\n")
        .orElseThrow();
    assertEquals("e1000e 0000:00:1f.6 eth0: NIC Link is Up", record.message());
    assertEquals(480, record.sequence());
  }

  @Test
  void keepsKernelEscapesVerbatim() {
    assertEquals("active_anon:1490\\x0a active_file:21",
        KmsgRecord.parse("4,1,2,-;active_anon:1490\\x0a active_file:21\n").orElseThrow().message());
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(delimiter = '|', value = {
    "''",
    "garbage line without a header",
    "6,abc,1230000000,-;sequence is not a number",
    "6,100;too few header fields",
    "6,1,2;three fields",
    "6,1,2,;empty flags",
    "-1,5,5,-;negative priority",
    "6,-5,5,-;negative sequence",
    "6,5,-5,-;negative stamp",
    "6, 5,5,-;padded number",
    "6,5,99999999999999999999,-;overflowing stamp",
    "' SUBSYSTEM=pci'",
  })
  void garbledIsEmpty(String raw) {
    assertTrue(KmsgRecord.parse(raw).isEmpty(), raw);
  }

  @Test
  void nullIsEmpty() {
    assertTrue(KmsgRecord.parse(null).isEmpty());
  }
}
