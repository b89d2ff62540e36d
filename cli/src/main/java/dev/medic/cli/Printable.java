package dev.medic.cli;

/**
 * Text from the host (process names, command lines, cgroup paths) made safe for a terminal. A process or cgroup
 * name may hold control characters, even newlines and escape sequences: printed raw they could forge output lines
 * or drive the operator's terminal. The policy is the probes' one ({@link dev.medic.probes.text.Printable#line}):
 * control characters as {@code \xNN}.
 */
final class Printable {

  private Printable() {}

  static String of(Object value) {
    return value == null ? "" : dev.medic.probes.text.Printable.line(value.toString());
  }
}
