/**
 * The runbook language by construct: one class per construct, which reads its YAML keys, writes its DRL, says what
 * the session must derive and admit for it, and explains itself in plans. Window kinds are in
 * {@code language/window/} (registered in {@code Windows}), target bindings in {@code language/binding/} (registered
 * in {@code Targets}). This package holds what they share: {@code RuleText} (the rule being written),
 * {@code Evidence} (what a condition matched) and {@code Wording} (values for people).
 */
package dev.medic.engine.language;
