package dev.medic.probes.kmsg;

import static dev.medic.probes.kmsg.KmsgFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.facts.KernelEvent;
import dev.medic.probes.text.Printable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link KernelEventClassifier}. */
class KernelEventClassifierTest {

  private final KernelEventClassifier classifier = new KernelEventClassifier();

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
    "tcp_out_of_memory|TCP: out of memory -- consider tuning tcp_mem",
    "tcp_orphans|TCP: too many orphaned sockets",
    "tcp_orphans|too many orphaned sockets",
    "conntrack_full|nf_conntrack: table full, dropping packet",
    "conntrack_full|nf_conntrack: nf_conntrack: table full, dropping packet",
    "syn_flood|TCP: request_sock_TCP: Possible SYN flooding on port [::]:443. Sending cookies.  Check SNMP counters.",
    "syn_flood|possible SYN flooding on port 80. Sending cookies.",
    "page_allocation_failure|kworker/u8:2: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP)",
  })
  void classifies(String kind, String message) {
    KernelEvent event = classifier.classify(record(7, 1_000_000, 4, message), 123_456L, 99L).orElseThrow();
    assertEquals(new KernelEvent(99L, 123_456L, kind, 4, message), event);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    "Out of memory: Killed process 9277 (tail) total-vm:783724kB",
    "TCP: request_sock_TCP: SYN flooding protection enabled",
    "nf_conntrack: default automatic helper assignment has been turned off for security reasons",
    "e1000e 0000:00:1f.6 eth0: NIC Link is Up 1000 Mbps Full Duplex",
  })
  void ignoresOthers(String message) {
    assertTrue(classifier.classify(record(1, 1, 6, message), 0, 0).isEmpty(), message);
  }

  @Test
  void controlCharactersAreEscaped() {
    KernelEvent event = classifier.classify(
        record(1, 1, 4, "TCP: out of memory -- consider tuning tcp_mem\n\u001b[31mforged line\u007f"), 0, 0)
        .orElseThrow();
    assertEquals("TCP: out of memory -- consider tuning tcp_mem\\n\\x1b[31mforged line\\x7f", event.message());
  }

  @Test
  void printableTextIsUnchanged() {
    String text = "nf_conntrack: table full, dropping packet — café";
    assertEquals(text, Printable.line(text));
  }
}
