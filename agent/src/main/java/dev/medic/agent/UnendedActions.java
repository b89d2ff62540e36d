package dev.medic.agent;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.DecisionEvent;
import dev.medic.engine.journal.JournalCodec;
import dev.medic.engine.journal.JournalEvent;
import dev.medic.engine.journal.StartEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions the gates passed in the last run whose outcome never reached the journal: the agent was killed
 * ({@code kill -9}, the OOM killer, a power cut) between the decision and the outcome. At the next start each
 * gets its outcome, {@code dropped} with that reason, so every passed action ends in a journalled outcome even
 * across a crash. Only the lines after the last {@code start} are looked at (earlier runs were closed by the
 * start that followed them); a line longer than {@value #MAX_LINE} characters is skipped unread.
 */
final class UnendedActions {

  static final int MAX_LINE = 1 << 20;
  static final String REASON = "not run or not finished: the agent stopped abruptly (killed or crashed) before "
      + "its outcome was journalled";

  private UnendedActions() {}

  /** The {@code dropped} outcomes to journal for the journal at {@code file}; empty when every action ended. */
  static List<ActionEvent> of(Path file, long now) throws IOException {
    Map<String, Deque<DecisionEvent>> open = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Files.newInputStream(file, NOFOLLOW_LINKS), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.length() > MAX_LINE || !relevant(line)) {
          continue;
        }
        if (!(JournalCodec.decode(line) instanceof JournalCodec.Event decoded)) {
          continue;
        }
        JournalEvent e = decoded.event();
        if (e instanceof StartEvent) {
          open.clear();
        } else if (e instanceof DecisionEvent d && d.verdict().equals("run")) {
          open.computeIfAbsent(d.incident() + "\0" + d.action(), k -> new ArrayDeque<>()).add(d);
        } else if (e instanceof ActionEvent a) {
          Deque<DecisionEvent> waiting = open.get(a.incident() + "\0" + a.action());
          if (waiting != null) {
            waiting.poll();
          }
        }
      }
    }
    List<ActionEvent> dropped = new ArrayList<>();
    for (Deque<DecisionEvent> waiting : open.values()) {
      for (DecisionEvent d : waiting) {
        dropped.add(new ActionEvent(d.ts(), now, d.incident(), d.runbook(), d.pid(), d.action(),
            LiveExecutor.DROPPED, REASON, List.of(), 0));
      }
    }
    return dropped;
  }

  /** Only start, decision and action lines matter; the rest are not decoded. */
  private static boolean relevant(String line) {
    return line.startsWith("{\"event\":\"decision\"") || line.startsWith("{\"event\":\"action\"")
        || line.startsWith("{\"event\":\"start\"");
  }
}
