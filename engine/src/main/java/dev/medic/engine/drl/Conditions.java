package dev.medic.engine.drl;

import dev.medic.engine.facts.FactType;
import dev.medic.engine.runbook.Comparison;
import dev.medic.engine.runbook.Values;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DRL constraint text for comparisons. A field that may be absent is guarded, so a condition on a field this
 * kernel does not report is false rather than an error, unless the condition is about absence ({@code == null}).
 */
final class Conditions {

  private Conditions() {}

  static String all(FactType type, List<Comparison> where) {
    return where.stream().map(c -> one(type, c)).collect(Collectors.joining(", "));
  }

  static String one(FactType type, Comparison c) {
    if (c.testsAbsence()) {
      return c.field() + " " + c.operator().symbol() + " null";
    }
    String cmp = c.field() + " " + c.operator().symbol() + " " + literal(c.value());
    return type.nullable().contains(c.field()) ? "(" + c.field() + " != null && " + cmp + ")" : cmp;
  }

  static String literal(Object value) {
    if (value instanceof List<?> set) {
      return set.stream().map(Conditions::literal).collect(Collectors.joining(", ", "(", ")"));
    }
    if (value instanceof Double d) {
      String plain = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    String s = (String) value;
    if (!Values.SAFE_TEXT.matcher(s).matches()) { // the loader refuses these; this is the last line of defence
      throw new IllegalArgumentException("unsafe text value: " + s);
    }
    return "\"" + s + "\"";
  }
}
