/**
 * Approvals: a host-changing action of a {@code requireApproval} runbook becomes a pending approval with an id and
 * a time to live; a person approves or denies it; an approved action passes every other gate again at the moment it
 * is carried out. Pure logic with explicit clocks ({@code now} arguments) and every step journalled, so the book can
 * be rebuilt from the journal and behaves the same in a test as live. The agent drives it (its API and sweeps).
 */
package dev.medic.engine.approval;
