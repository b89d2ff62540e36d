package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import dev.medic.probes.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaptureConntrackAction} on a fixture tree (the kernel's files as they look) and on the live host. */
class CaptureConntrackActionTest {

  @TempDir Path tmp;

  static final String STAT = """
      entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error \
      expect_new expect_create expect_delete search_restart
      00000100  00000000 00000000 00000000 00000003 00000000 00000000 00000000 00000000 00000000 00000028 00000004 \
      00000000 00000000 00000000 00000000 00000000
      """;

  @Test
  void theCountTheMaximumAndThePerCpuStatisticsAreKept() throws Exception {
    Path proc = Files.createDirectories(tmp.resolve("root/proc/sys/net/netfilter")).getParent().getParent()
        .getParent();
    Files.writeString(proc.resolve("sys/net/netfilter/nf_conntrack_count"), "262144\n");
    Files.writeString(proc.resolve("sys/net/netfilter/nf_conntrack_max"), "262144\n");
    Files.createDirectories(proc.resolve("net/stat"));
    Files.writeString(proc.resolve("net/stat/nf_conntrack"), STAT);
    ActionContext ctx = new ActionContext(1, new HostRoot(tmp.resolve("root")), Map.of(),
        EvidenceBundle.open(tmp.resolve("b")), Duration.ofSeconds(5));
    ActionResult r = new CaptureConntrackAction().run(ctx);
    assertEquals(ActionResult.Status.OK, r.status(), r.detail());
    String text = NetCaptures.evidence(ctx, r);
    assertTrue(text.contains("nf_conntrack_count\n262144\n"), text);
    assertTrue(text.contains("nf_conntrack_max\n262144\n"), text);
    assertTrue(text.contains("early_drop"), text);
    assertTrue(text.contains("$ conntrack -S\n"), text); // run or noted as missing, never through a shell
  }

  @Test
  void withoutTheTableOrTheToolNothingIsCapturedAndTheActionFails() throws Exception {
    Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v conntrack").start().waitFor() != 0,
        "conntrack is installed here");
    ActionContext ctx = new ActionContext(1, new HostRoot(tmp.resolve("empty")), Map.of(),
        EvidenceBundle.open(tmp.resolve("b")), Duration.ofSeconds(5));
    ActionResult r = new CaptureConntrackAction().run(ctx);
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertTrue(r.detail().startsWith("conntrack exited -1: cannot start"), r.detail());
  }

  @Test
  void theLiveTableWhenConntrackIsLoaded() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/sys/net/netfilter/nf_conntrack_count")),
        "nf_conntrack is not loaded");
    ActionContext ctx = NetCaptures.goneTarget(tmp.resolve("b"), Map.of());
    ActionResult r = new CaptureConntrackAction().run(ctx);
    assertEquals(ActionResult.Status.OK, r.status(), r.detail());
    assertTrue(NetCaptures.evidence(ctx, r).contains("nf_conntrack_max\n"));
  }
}
