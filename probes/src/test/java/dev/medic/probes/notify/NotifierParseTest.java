package dev.medic.probes.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.internal.KernelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The formats the notifiers write and read, without a kernel. */
class NotifierParseTest {

  @Test
  void aThresholdRegistrationIsTheTwoDescriptorsAndTheBytes() {
    assertEquals("7 9 134217728", CgroupEventControl.registration(7, 9, 128L << 20));
    assertThrows(IllegalArgumentException.class, () -> CgroupEventControl.registration(-1, 9, 1));
    assertThrows(IllegalArgumentException.class, () -> CgroupEventControl.registration(7, 9, 0));
  }

  @Test
  void theEventfdCounterIsEightNativeBytes() throws Exception {
    byte[] two = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(2).array();
    assertEquals(2, CgroupEventControl.parseCounter(two));
    assertThrows(KernelFormatException.class, () -> CgroupEventControl.parseCounter(new byte[4]));
  }

  @Test
  void onlyAnUpwardCrossingCounts() throws Exception {
    assertTrue(CgroupEventControl.upward("134217728\n", 128L << 20));
    assertFalse(CgroupEventControl.upward("134213632\n", 128L << 20));
    assertThrows(KernelFormatException.class, () -> CgroupEventControl.upward("garbage\n", 1));
  }

  @Test
  void aPsiTriggerStaysWithinTheKernelsBounds() {
    assertEquals("some 150000 1000000\0", PressureTrigger.trigger(150_000, 1_000_000));
    assertThrows(IllegalArgumentException.class, () -> PressureTrigger.trigger(150_000, 400_000));
    assertThrows(IllegalArgumentException.class, () -> PressureTrigger.trigger(150_000, 11_000_000));
    assertThrows(IllegalArgumentException.class, () -> PressureTrigger.trigger(2_000_000, 1_000_000));
    assertThrows(IllegalArgumentException.class, () -> PressureTrigger.trigger(0, 1_000_000));
  }

  @Test
  void anUnprivilegedWindowIsAWholeMultipleOfTwoSeconds() {
    assertEquals(2_000_000, PressureTrigger.unprivilegedWindow(1_000_000));
    assertEquals(2_000_000, PressureTrigger.unprivilegedWindow(2_000_000));
    assertEquals(4_000_000, PressureTrigger.unprivilegedWindow(2_500_000));
    assertEquals(10_000_000, PressureTrigger.unprivilegedWindow(10_000_000));
  }

  @Test
  void aPolledUsageFileIsOneInteger() throws Exception {
    assertEquals(4096, UsagePoller.parse("4096\n", Path.of("memory.current")));
    KernelFormatException e = assertThrows(KernelFormatException.class,
        () -> UsagePoller.parse("max\n", Path.of("x/memory.current")));
    assertTrue(e.getMessage().startsWith("memory.current"), e.getMessage());
  }
}
