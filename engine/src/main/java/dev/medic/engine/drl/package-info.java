/**
 * Runbooks to DRL text: {@code DrlCompiler} writes the header (imports and declarations of only the types the rules
 * use) and one rule per conjunction through {@code RuleWriter}, which calls each condition's window and the rule's
 * target binding to write their patterns; {@code SessionNeeds} collects what the session must admit and derive.
 * Shared emission helpers: {@code Conditions} (comparisons as constraints), {@code Correlation} (joins between
 * conditions), {@code FactKinds}. Deterministic: golden tests pin the output.
 */
package dev.medic.engine.drl;
