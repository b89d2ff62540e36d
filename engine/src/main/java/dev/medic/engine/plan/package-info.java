/**
 * A rule match turned into a {@code Plan}: the target, reasons that quote the sampled values (each window words its
 * own, {@code Window.reason}), the rendered summary and advice, and the planned actions. A plan is a proposal; the
 * gates decide what happens to it ({@code Decision}).
 */
package dev.medic.engine.plan;
