/**
 * The actions shipped with Medic, one small class each, registered by {@code NAME} in
 * {@link dev.medic.actions.ActionRegistry}. Command-based captures share {@code CommandCapture}; /proc parsing
 * shared by several actions lives in {@code ProcFiles}, and parameter checks (integers,
 * durations) in {@code Params}.
 */
package dev.medic.actions.builtin;
