package dev.medic.engine.runbook;

/**
 * One condition on a fact field, e.g. {@code usagePercent >= 90%}.
 *
 * @param field a field of the trigger's fact type, checked against the catalog
 * @param operator the comparison
 * @param value the right-hand side, already converted to the field's base unit (bytes, percent): a
 *     {@link Double}, a {@link Boolean}, a {@link String} that passed {@link Values#SAFE_TEXT}, or {@link #ABSENT}
 *     for {@code field == null} / {@code field != null} on a field this kernel may not report
 * @param text the value as the author wrote it, for reasons and messages
 */
public record Comparison(String field, Operator operator, Object value, String text, Position position) {

  /** The value of {@code == null}: the field is absent (this kernel, or this process, does not report it). */
  public static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  public boolean testsAbsence() {
    return value == ABSENT;
  }

  @Override
  public String toString() {
    return field + " " + operator.symbol() + " " + text;
  }
}
