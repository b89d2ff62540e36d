package dev.medic.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state-dir lock within one process (the test with a real second process and a killed holder is
 * {@code ServiceProcessTest} in the cli module).
 */
class StateLockTest {

  @Test
  void aSecondHolderIsRefusedWithThePidAndTheLockIsFreeAfterClose(@TempDir Path tmp) throws Exception {
    Path state = tmp.resolve("state");
    try (StateLock first = StateLock.acquire(state)) {
      assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(state.resolve(StateLock.FILE)));
      StateLock.Held held = assertThrows(StateLock.Held.class, () -> StateLock.acquire(state));
      assertTrue(held.getMessage().contains("(pid " + ProcessHandle.current().pid() + ")"), held.getMessage());
      assertTrue(held.getMessage().contains("--state-dir"), held.getMessage());
    }
    try (StateLock again = StateLock.acquire(state)) {
      assertTrue(Files.exists(state.resolve(StateLock.FILE)));
    }
  }
}
