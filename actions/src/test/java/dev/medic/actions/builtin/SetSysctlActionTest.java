package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import dev.medic.probes.internal.KernelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SetSysctlAction}: the allow-list and its value checks, the write on fixture trees, and one real write of
 * {@code net.core.somaxconn} that is put back in every outcome.
 */
class SetSysctlActionTest {

  @TempDir Path tmp;
  private final SetSysctlAction action = new SetSysctlAction();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "net.netfilter.nf_conntrack_max | 262144 | 524288      | netfilter/nf_conntrack_max     | 524288",
      "net.core.somaxconn             | 4096   | 8192        | core/somaxconn                 | 8192",
      "net.ipv4.ip_local_port_range   | 32768\t60999 | 15000 65000 | ipv4/ip_local_port_range | 15000 65000"})
  void theValueIsWrittenReadBackAndItsPreviousValueRecorded(String name, String before, String value, String file,
      String after) throws Exception {
    Path sysctl = tmp.resolve("root/proc/sys/net").resolve(file);
    Files.createDirectories(sysctl.getParent());
    Files.writeString(sysctl, before + "\n");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("b"));
    ActionResult r = action.run(new ActionContext(LiveChildren.reapedPid(), new HostRoot(tmp.resolve("root")),
        Map.of("name", name, "value", value), bundle, Duration.ofSeconds(5)));
    assertEquals(ActionResult.Status.OK, r.status(), r.detail());
    String record = name + ": " + before.replace('\t', ' ') + " -> " + after;
    assertEquals(record, r.detail());
    assertEquals(after + "\n", Files.readString(sysctl));
    assertEquals(record + "\n# not restored automatically; to undo: sysctl -w " + name + "=\""
        + before.replace('\t', ' ') + "\"\n", Files.readString(bundle.dir().resolve("sysctl.txt")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vm.swappiness                  | 10          | parameter 'name' must be one of [net.core.somaxconn, "
          + "net.ipv4.ip_local_port_range, net.netfilter.nf_conntrack_max], got 'vm.swappiness'",
      "net.netfilter.nf_conntrack_max | 100         | parameter 'value' of net.netfilter.nf_conntrack_max must be a "
          + "whole number from 65536 to 16777216, got '100'",
      "net.core.somaxconn             | 1e6         | parameter 'value' of net.core.somaxconn must be a whole number "
          + "from 128 to 65535, got '1e6'",
      "net.ipv4.ip_local_port_range   | 60000 60500 | parameter 'value' of net.ipv4.ip_local_port_range must be "
          + "'low high' with 1024 <= low and low + 1000 <= high <= 65535, got '60000 60500'",
      "net.ipv4.ip_local_port_range   | 80 65000    | parameter 'value' of net.ipv4.ip_local_port_range must be "
          + "'low high' with 1024 <= low and low + 1000 <= high <= 65535, got '80 65000'"})
  void namesOutsideTheAllowListAndBadValuesAreRefused(String name, String value, String problem) {
    assertEquals(List.of(problem), action.validate(Map.of("name", name, "value", value)));
  }

  @Test
  void aMissingSysctlFailsAndIsNotCreated() throws Exception {
    ActionResult r = action.run(new ActionContext(1, new HostRoot(tmp.resolve("root")),
        Map.of("name", "net.netfilter.nf_conntrack_max", "value", "524288"), EvidenceBundle.open(tmp.resolve("b")),
        Duration.ofSeconds(5)));
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertFalse(Files.exists(tmp.resolve("root/proc/sys/net/netfilter/nf_conntrack_max")));
  }

  @Test
  void theRealSomaxconnIsSetAndPutBack() throws Exception {
    Path real = Path.of("/proc/sys/net/core/somaxconn");
    Assumptions.assumeTrue(Files.isWritable(real), "needs root to write " + real);
    String before = KernelFiles.read(real).strip();
    String wanted = before.equals("4096") ? "4095" : "4096";
    try {
      ActionResult r = action.run(new ActionContext(1, HostRoot.live(),
          Map.of("name", "net.core.somaxconn", "value", wanted), EvidenceBundle.open(tmp.resolve("b")),
          Duration.ofSeconds(5)));
      assertEquals(ActionResult.Status.OK, r.status(), r.detail());
      assertEquals("net.core.somaxconn: " + before + " -> " + wanted, r.detail());
      assertEquals(wanted, KernelFiles.read(real).strip());
    } finally {
      restore(real, before);
    }
  }

  private static void restore(Path file, String value) throws IOException {
    Files.writeString(file, value + "\n");
  }
}
