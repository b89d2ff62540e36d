package dev.medic.engine.runbook;

import java.time.Duration;

/** How a match looks across samples of the same entity. */
public sealed interface Window
    permits Window.Latest, Window.Sustained, Window.Counted, Window.Trend, Window.Increased, Window.Within {

  /** The newest sample of the entity satisfies {@code where}. */
  record Latest() implements Window {}

  /**
   * {@code for: 2m}: every sample of the entity in the last {@code duration} satisfies {@code where}, and the
   * window is covered (a sample at least that old exists).
   */
  record Sustained(Duration duration) implements Window {}

  /**
   * {@code count: 3} {@code within: 10m}: at least {@code count} matching samples or events in the window. Events
   * (OOM kills, kernel log records) are counted host-wide; samples per entity.
   */
  record Counted(int count, Duration within) implements Window {}

  /**
   * {@code trend: rss > 20MiB/min} (least-squares slope) or {@code rate: … } (last minus first) {@code over: 15m}:
   * how fast a field grows per minute over a covered window. The leak signal.
   *
   * @param perMinute the threshold in the field's unit per minute
   * @param leastSquares true for {@code trend}, false for {@code rate}
   */
  record Trend(String field, Operator operator, double perMinute, String text, Duration over, boolean leastSquares)
      implements Window {}

  /** {@code increased: oomKills}: the field grew by at least {@code by} since the entity's previous sample. */
  record Increased(String field, double by) implements Window {}

  /** {@code within: 10m} inside {@code not}: no matching sample or event in the last {@code duration}. */
  record Within(Duration duration) implements Window {}
}
