package dev.medic.probes.facts;

/**
 * A kernel log record that explains a memory or network symptom: {@code TCP: out of memory},
 * {@code nf_conntrack: table full}, {@code possible SYN flooding}, a page allocation failure.
 *
 * @param kernelTime epoch milliseconds when the kernel logged it
 * @param kind {@code tcp_out_of_memory}, {@code tcp_orphans}, {@code conntrack_full}, {@code syn_flood},
 *     {@code page_allocation_failure}
 * @param priority the syslog priority (0 emergency … 7 debug)
 * @param message the record's text (control characters replaced)
 */
@Key("kind")
@Occurrence
public record KernelEvent(long timestamp, long kernelTime, String kind, int priority, String message)
    implements Fact {

  public static final String TYPE = "kernel_event";

  @Override
  public String type() {
    return TYPE;
  }
}
