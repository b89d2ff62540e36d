package dev.medic.cli;

import dev.medic.probes.facts.ProcessSample;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/** How {@code medic probe --sort} orders processes: largest first, unknown values last, then by pid. */
enum ProcessOrder {
  RSS(p -> (double) p.rss()),
  PSS(p -> p.pss() == null ? null : p.pss().doubleValue()),
  USS(p -> p.uss() == null ? null : p.uss().doubleValue()),
  SWAP(p -> p.swap() == null ? null : p.swap().doubleValue()),
  GROWTH(ProcessSample::rssGrowth);

  private final Function<ProcessSample, Double> key;

  ProcessOrder(Function<ProcessSample, Double> key) {
    this.key = key;
  }

  Comparator<ProcessSample> comparator() {
    return Comparator.comparing(key, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
        .thenComparingInt(ProcessSample::pid);
  }

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** picocli converter: {@code rss|pss|uss|swap|growth}. */
  static ProcessOrder parse(String text) {
    return Arrays.stream(values()).filter(o -> o.word().equals(text)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("'" + text + "' is not one of rss, pss, uss, swap, growth"));
  }
}
