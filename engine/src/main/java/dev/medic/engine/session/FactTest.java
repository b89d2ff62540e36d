package dev.medic.engine.session;

import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Operator;
import dev.medic.probes.facts.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A runbook's comparisons on one sample, evaluated in Java with exactly the meaning the generated DRL gives them
 * (a test holds the two to agreement): the engine uses it where Drools would otherwise have to keep every sample,
 * for sustained windows and to decide which samples the rules can use at all.
 *
 * <p>Meaning, as in the DRL: a comparison on an absent nullable field is false; numbers compare as doubles; text and
 * flags compare by equality.
 */
public final class FactTest implements Predicate<Fact> {

  private static final FactTest ALWAYS = new FactTest(List.of(), "all");

  private final Predicate<Fact>[] parts; // an array: this runs for every sample of every sweep
  private final String text;

  @SuppressWarnings("unchecked")
  private FactTest(List<Predicate<Fact>> parts, String text) {
    this.parts = parts.toArray(new Predicate[0]);
    this.text = text;
  }

  /** Holds for every sample. */
  public static FactTest always() {
    return ALWAYS;
  }

  /** All of {@code where}, and each of {@code notNull} present. */
  public static FactTest of(FactType type, List<Comparison> where, List<String> notNull) {
    List<Predicate<Fact>> parts = new ArrayList<>();
    List<String> text = new ArrayList<>();
    for (String field : notNull) {
      Function<Fact, Object> get = FieldAccess.of(type.recordClass(), field);
      parts.add(f -> get.apply(f) != null);
      text.add(field + " != null");
    }
    for (Comparison c : where) {
      parts.add(comparison(type, c));
      text.add(c.field() + " " + c.operator().symbol() + " " + c.value());
    }
    return parts.isEmpty() ? ALWAYS : new FactTest(parts, String.join(", ", text));
  }

  /** Whether this test lets every sample through. */
  public boolean isAlways() {
    return parts.length == 0;
  }

  @Override
  public boolean test(Fact fact) {
    for (Predicate<Fact> p : parts) {
      if (!p.test(fact)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  private static Predicate<Fact> comparison(FactType type, Comparison c) {
    Function<Fact, Object> get = FieldAccess.of(type.recordClass(), c.field());
    Operator op = c.operator();
    boolean nullable = type.nullable().contains(c.field());
    Object expected = c.value();
    if (c.testsAbsence()) {
      return op == Operator.EQ ? f -> get.apply(f) == null : f -> get.apply(f) != null;
    }
    if (op.isSet()) {
      java.util.Set<?> set = java.util.Set.copyOf((List<?>) expected);
      boolean in = op == Operator.IN;
      return f -> {
        Object v = get.apply(f);
        return v != null && set.contains(v) == in; // absent is false, as for every comparison on a nullable field
      };
    }
    if (expected instanceof Double limit) {
      double d = limit;
      return f -> get.apply(f) instanceof Number n && compare(n.doubleValue(), op, d);
    }
    return f -> {
      Object v = get.apply(f);
      if (v == null && nullable) {
        return false; // the DRL guards a nullable field: (field != null && …)
      }
      boolean equal = Objects.equals(v, expected);
      return op == Operator.EQ ? equal : op == Operator.NE && !equal;
    };
  }

  /** {@code v op limit} on numbers, as the DRL compares them. */
  public static boolean compare(double v, Operator op, double limit) {
    return switch (op) {
      case GE -> v >= limit;
      case LE -> v <= limit;
      case GT -> v > limit;
      case LT -> v < limit;
      case EQ -> v == limit;
      case NE -> v != limit;
      case IN, NOT_IN -> throw new IllegalArgumentException("a set is not a number: " + op);
    };
  }
}
