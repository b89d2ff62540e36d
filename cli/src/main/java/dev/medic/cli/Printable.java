package dev.medic.cli;

/**
 * Text from the host (process names, command lines, cgroup paths) made safe for a terminal. A process or cgroup
 * name may hold control characters, even newlines and escape sequences: printed raw they could forge output lines
 * or drive the operator's terminal.
 */
final class Printable {

  private Printable() {}

  static String of(Object value) {
    return value == null ? "" : value.toString().replaceAll("\\p{Cntrl}", "?");
  }
}
