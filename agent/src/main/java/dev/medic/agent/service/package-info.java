/**
 * What makes the agent a service an on-call team runs: the state-dir lock ({@link dev.medic.agent.service.StateLock}),
 * the service settings of {@code medic.yaml} ({@link dev.medic.agent.service.ServiceSettings}: heartbeat, journal
 * rotation, evidence retention), evidence pruning ({@link dev.medic.agent.service.EvidenceRetention}), restart
 * recovery from the journal ({@link dev.medic.agent.service.Recovery}) and reload ({@link
 * dev.medic.agent.service.Reload}).
 */
package dev.medic.agent.service;
