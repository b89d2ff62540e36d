package dev.medic.engine.runbook;

import java.util.Arrays;
import java.util.Optional;

/** A comparison operator a condition may use. */
public enum Operator {
  GE(">="), LE("<="), NE("!="), EQ("=="), GT(">"), LT("<"),
  /** Text in a set: {@code comm in [postgres, mysqld]}. */
  IN("in"),
  /** Text not in a set: {@code comm not in [postgres, mysqld]}. */
  NOT_IN("not in");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean isOrdering() {
    return this != EQ && this != NE && !isSet();
  }

  public boolean isSet() {
    return this == IN || this == NOT_IN;
  }

  /** The operator that is true exactly when this one is false. */
  public Operator negate() {
    return switch (this) {
      case GE -> LT;
      case LE -> GT;
      case GT -> LE;
      case LT -> GE;
      case EQ -> NE;
      case NE -> EQ;
      case IN -> NOT_IN;
      case NOT_IN -> IN;
    };
  }

  public static Optional<Operator> of(String symbol) {
    return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
  }
}
