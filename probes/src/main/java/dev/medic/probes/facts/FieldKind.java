package dev.medic.probes.facts;

/**
 * What a fact field holds, which decides the units and operators a runbook may use with it. It lives beside the
 * records because the records declare it ({@link Kind}); the engine's catalog reads it from them.
 */
public enum FieldKind {
  /** A size in bytes; runbooks may write {@code 512MiB}, {@code 2G} or a plain number of bytes. */
  BYTES,
  /** A percentage 0..100; runbooks may write {@code 90%} or {@code 90}. */
  PERCENT,
  /** A plain number. */
  NUMBER,
  /** Text; only {@code ==} and {@code !=} apply. */
  TEXT,
  /** true or false; only {@code ==} and {@code !=} apply. */
  FLAG
}
