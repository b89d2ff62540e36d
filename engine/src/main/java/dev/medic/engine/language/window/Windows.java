package dev.medic.engine.language.window;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The window kinds of the runbook language, registered in one place. The order is the order in which messages
 * name them and the schema lists their keys. Adding a kind: one class in this package with its {@code SYNTAX}, one
 * line here.
 */
public final class Windows {

  public static final List<WindowSyntax> ALL = List.of(
      LatestSample.SYNTAX,
      SustainedFor.SYNTAX,
      CountWithin.SYNTAX,
      TrendOver.SYNTAX,
      IncreasedBy.SYNTAX,
      AbsentWithin.SYNTAX);

  private Windows() {}

  /** Every key a window kind reads, each once, in registry order: keywords, then their companions. */
  public static List<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    for (WindowSyntax s : ALL) {
      keys.addAll(s.keywords());
      keys.addAll(s.companions());
    }
    return List.copyOf(keys);
  }

  /** The kind a condition has when it names none: the latest sample. */
  public static WindowSyntax none() {
    return ALL.stream().filter(s -> s.keywords().isEmpty()).findFirst().orElseThrow();
  }
}
