/**
 * The runbook language's model and its YAML front end: {@code RunbookLoader} reads files into {@code Runbook}s
 * (conditions in disjunctive normal form, actions, guards), reporting every problem at its {@code file:line:column};
 * {@code ConditionReader} reads a {@code when}, applying the rules all window kinds share and letting each kind read
 * its own keys through {@code WindowKeys}; {@code RunbookSchema} generates {@code docs/runbook.schema.json} from the
 * same lists. The constructs themselves (window kinds, target bindings) live in {@code dev.medic.engine.language}.
 */
package dev.medic.engine.runbook;
