package dev.medic.engine.runbook;

import dev.medic.engine.language.window.Window;
import java.util.List;
import java.util.Optional;

/**
 * One condition on one fact type: the comparisons a sample must satisfy and the window over which it must.
 *
 * @param fact a fact type name from the catalog
 * @param where comparisons that must all hold on the same sample
 * @param window how samples over time count (one of the kinds in {@code language/window/})
 * @param alias a name templates use for this match ({@code {{hog.rss}}}, {@code {{growth}}})
 */
public record Match(String fact, List<Comparison> where, Window window, Optional<String> alias, Position position)
    implements Condition {}
