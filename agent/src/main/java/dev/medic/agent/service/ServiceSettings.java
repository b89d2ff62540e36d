package dev.medic.agent.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.medic.engine.runbook.Values;
import java.time.Duration;

/**
 * The settings of Medic as a long-running service, from {@code medic.yaml}:
 *
 * <pre>
 * heartbeat: 5m                          # a status line this often on the console (0s: none)
 * journal:  {maxSize: 64MiB, keep: 5}    # rotate journal.jsonl at this size, keep this many rotated files
 * evidence: {maxAge: 30d, maxTotal: 1GiB} # prune evidence folders older than this, or oldest first above this
 * </pre>
 *
 * @param heartbeat how often the console prints a status line; zero for never
 * @param journalMaxSize the size at which the journal rotates, bytes
 * @param journalKeep how many rotated files are kept ({@code journal.jsonl.1} … {@code .<keep>})
 * @param evidenceMaxAge evidence folders older than this are removed
 * @param evidenceMaxTotal above this total size, the oldest evidence folders are removed
 */
public record ServiceSettings(Duration heartbeat, long journalMaxSize, int journalKeep, Duration evidenceMaxAge,
    long evidenceMaxTotal) {

  public static final ServiceSettings DEFAULTS = new ServiceSettings(Duration.ofMinutes(5), 64L << 20, 5,
      Duration.ofDays(30), 1L << 30);

  /** {@code journal:} as written in the file. */
  public record RawJournal(@JsonProperty("maxSize") String maxSize, Integer keep) {}

  /** {@code evidence:} as written in the file. */
  public record RawEvidence(@JsonProperty("maxAge") String maxAge, @JsonProperty("maxTotal") String maxTotal) {}

  /** From the file's values, each null for its default; an unusable value throws with its key named. */
  public static ServiceSettings of(String heartbeat, RawJournal journal, RawEvidence evidence) {
    Duration beat = heartbeat == null ? DEFAULTS.heartbeat() : Values.duration(heartbeat);
    long maxSize = journal == null || journal.maxSize() == null ? DEFAULTS.journalMaxSize()
        : Values.bytes(journal.maxSize());
    if (maxSize < 4096) {
      throw new IllegalArgumentException("journal.maxSize must be at least 4KiB");
    }
    int keep = journal == null || journal.keep() == null ? DEFAULTS.journalKeep() : journal.keep();
    if (keep < 1 || keep > 1000) {
      throw new IllegalArgumentException("journal.keep must be between 1 and 1000");
    }
    Duration age = evidence == null || evidence.maxAge() == null ? DEFAULTS.evidenceMaxAge()
        : Values.duration(evidence.maxAge());
    long total = evidence == null || evidence.maxTotal() == null ? DEFAULTS.evidenceMaxTotal()
        : Values.bytes(evidence.maxTotal());
    if (age.isZero() || total <= 0) {
      throw new IllegalArgumentException("evidence.maxAge and evidence.maxTotal must be more than 0");
    }
    return new ServiceSettings(beat, maxSize, keep, age, total);
  }
}
