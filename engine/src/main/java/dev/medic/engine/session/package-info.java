/**
 * The Drools side at run time: {@code RuleBase} builds DRL into a STREAM-mode KieBase, {@code RuleSession} feeds it
 * sweep by sweep on a pseudo clock. {@code DerivedFacts} keeps, in O(1) per sample, what rules would otherwise
 * re-scan ({@code Sustained}, {@code Increase}, {@code Trend}); {@code Admission} lets in only the samples some
 * pattern can match. Live and replay run exactly this code, so a replay decides what the live run decided.
 */
package dev.medic.engine.session;
