/**
 * The gates a plan passes before anything runs, in order ({@code GatePipeline.standard}): mode, approved host,
 * protected target, rate limit, approval. Each gate allows or denies each planned action with a reason; a denied
 * plan is journalled with the gate that denied it.
 */
package dev.medic.engine.gate;
