package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * An agent started: the first line it writes, and the journal's format marker (a reader knows from it which
 * version of the format the lines after it follow).
 *
 * @param format always {@link JournalCodec#FORMAT}
 * @param version the format version the lines after it follow; {@link JournalCodec#VERSION} when written
 * @param at the wall-clock time, epoch milliseconds
 * @param pid the agent's pid
 * @param mode {@code advise} or {@code enforce}
 * @param approved whether the host is approved for enforce
 * @param intervalMs the sweep interval
 * @param processIntervalMs how often the process table is read
 * @param runbooks the ids of the runbooks it runs (empty when it only records)
 * @param recording the recording it also writes, or null (absent) when it does not record
 */
@JsonTypeName("start")
@JsonPropertyOrder({"format", "version", "at", "pid", "mode", "approved", "intervalMs", "processIntervalMs",
    "runbooks", "recording"})
public record StartEvent(
    String format,
    int version,
    long at,
    int pid,
    String mode,
    boolean approved,
    long intervalMs,
    long processIntervalMs,
    List<String> runbooks,
    @JsonInclude(JsonInclude.Include.NON_NULL) String recording) implements JournalEvent {

  public StartEvent {
    runbooks = runbooks == null ? List.of() : List.copyOf(runbooks);
  }

  /** A start line in the current format. */
  public static StartEvent now(long at, int pid, String mode, boolean approved, long intervalMs,
      long processIntervalMs, List<String> runbooks, String recording) {
    return new StartEvent(JournalCodec.FORMAT, JournalCodec.VERSION, at, pid, mode, approved, intervalMs,
        processIntervalMs, runbooks, recording);
  }
}
