/**
 * Outside checks: a service seen the way its clients see it (http, https, tcp, tls, dns, icmp), one attempt
 * against one address, with per-phase timings and the error kind named, turned into
 * {@link dev.medic.probes.facts.CheckSample} facts. Checks do network I/O and can hang, so they run on their own
 * bounded pool ({@link dev.medic.checks.CheckRunner}), each cut at its timeout, never on an event loop or a sweep.
 */
package dev.medic.checks;
