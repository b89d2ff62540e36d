/**
 * The fast path of a memory crossing: {@link ReactionWatch} arms a kernel notifier per limited memory cgroup
 * ({@code dev.medic.probes.notify}), and when one fires it captures the largest process of that scope in-process
 * ({@link TopProcessEvidence}) while the runtime sweeps out of turn through the same engine session, then journals
 * both times in a {@code crossing} event. The point is to beat the kernel's OOM killer to the evidence: see
 * docs/reaction.md.
 */
package dev.medic.agent.reaction;
