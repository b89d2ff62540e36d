package dev.medic.probes.kmsg;

import dev.medic.probes.facts.KernelEvent;
import dev.medic.probes.text.Printable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the kernel log records ({@code /dev/kmsg}) that explain a network or memory symptom and turns them
 * into {@link KernelEvent}s: {@code TCP: out of memory -- consider tuning tcp_mem} and {@code too many orphaned
 * sockets} ({@code net/ipv4/tcp.c}), {@code nf_conntrack: table full, dropping packet}
 * ({@code nf_conntrack_core.c}), {@code Possible SYN flooding on port …} ({@code tcp_input.c}) and
 * {@code page allocation failure: order:N} ({@code mm/page_alloc.c} warn_alloc). Matching is by substring,
 * case-insensitive, because prefixes (the driver name, {@code request_sock_TCP:}) and the capitalisation of
 * "possible" changed between kernel versions. Stateless and thread-safe.
 */
public final class KernelEventClassifier {

  private record Rule(String needle, String kind) {}

  private static final List<Rule> RULES = List.of(
      new Rule("tcp: out of memory", "tcp_out_of_memory"),
      new Rule("too many orphaned sockets", "tcp_orphans"),
      new Rule("nf_conntrack: table full", "conntrack_full"),
      new Rule("possible syn flooding on port", "syn_flood"),
      new Rule("page allocation failure:", "page_allocation_failure"));

  /** The event for this record, or empty when it is not one of the kinds above. */
  public Optional<KernelEvent> classify(KmsgRecord record, long kernelTimeMs, long timestamp) {
    String lower = record.message().toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (lower.contains(rule.needle())) {
        return Optional.of(
            new KernelEvent(timestamp, kernelTimeMs, rule.kind(), record.priority(),
                Printable.line(record.message())));
      }
    }
    return Optional.empty();
  }
}
