/**
 * Recordings and replays: the public recording format ({@link dev.medic.simulator.RecordingWriter},
 * {@link dev.medic.simulator.RecordingReader}, {@link dev.medic.simulator.FactCodec}; see
 * {@code docs/recording-format.md}), the {@link dev.medic.simulator.Replayer} that runs a recording through the same
 * engine and gates as a live agent on the recording's own clock, the runbook test runner behind {@code medic test}
 * ({@link dev.medic.simulator.RunbookTests}), and the scenario generators that write the shipped recordings.
 *
 * <p>Nothing here touches the host: a replay runs no action, and its output depends only on the recording and the
 * config, so the same recording replays to the same journal lines, byte for byte.
 */
package dev.medic.simulator;
