/**
 * The one redaction policy ({@link dev.medic.probes.text.Redaction}) and the one escaping policy
 * ({@link dev.medic.probes.text.Printable}) for text that leaves Medic: command lines, environments, evidence,
 * the journal, recordings and the console. Here, in the lowest module, so every module above uses the same rules.
 */
package dev.medic.probes.text;
