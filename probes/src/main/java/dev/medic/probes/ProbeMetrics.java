package dev.medic.probes;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the probes had to leave out, so a host whose kernel files are odd shows up in metrics rather
 * than as silently missing facts. Thread-safe; the engine or cli can bind the getters to any metrics library.
 */
public final class ProbeMetrics {

  private final LongAdder skippedRecords = new LongAdder();
  private final LongAdder vanishedProcesses = new LongAdder();
  private final LongAdder missingSources = new LongAdder();
  private final LongAdder failedReads = new LongAdder();
  private final LongAdder forgedRecords = new LongAdder();

  /** A line or record that could not be parsed and was left out (a garbled line, a process with a bad stat). */
  public void countSkippedRecord() {
    skippedRecords.increment();
  }

  /** {@code n} skipped records at once (a parser that counts its bad lines as it scans); 0 does nothing. */
  public void countSkippedRecords(int n) {
    if (n > 0) {
      skippedRecords.add(n);
    }
  }

  /** A process that exited while it was being read; normal on a busy host, not an error. */
  public void countVanishedProcess() {
    vanishedProcesses.increment();
  }

  /** A kernel source this host does not provide (no PSI, no memory cgroup, no smaps_rollup): counted once each. */
  public void countMissingSource() {
    missingSources.increment();
  }

  /** A whole reader failed in a sweep (I/O error, unexpected layout) and produced no facts that sweep. */
  public void countFailedRead() {
    failedReads.increment();
  }

  /** A kernel log record that a process wrote (not the kernel's facility): dropped, never a fact. */
  public void countForgedRecord() {
    forgedRecords.increment();
  }

  public long forgedRecords() {
    return forgedRecords.sum();
  }

  public long skippedRecords() {
    return skippedRecords.sum();
  }

  public long vanishedProcesses() {
    return vanishedProcesses.sum();
  }

  public long missingSources() {
    return missingSources.sum();
  }

  public long failedReads() {
    return failedReads.sum();
  }

  @Override
  public String toString() {
    return "ProbeMetrics[skippedRecords=" + skippedRecords() + ", vanishedProcesses=" + vanishedProcesses()
        + ", missingSources=" + missingSources() + ", failedReads=" + failedReads() + ", forgedRecords="
        + forgedRecords() + "]";
  }
}
