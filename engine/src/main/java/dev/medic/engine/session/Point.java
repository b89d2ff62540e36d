package dev.medic.engine.session;

/**
 * A sample's time and value, handed to the trend accumulate functions (a Drools accumulate function takes one
 * argument, so the rule wraps the pair: {@code slope( Point.of($t, $y) )}).
 */
public record Point(double millis, double value) {

  public static Point of(Number millis, Number value) {
    return new Point(millis.doubleValue(), value.doubleValue());
  }
}
