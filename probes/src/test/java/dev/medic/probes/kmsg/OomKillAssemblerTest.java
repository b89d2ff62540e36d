package dev.medic.probes.kmsg;

import static dev.medic.probes.kmsg.KmsgFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.probes.ProbeMetrics;
import dev.medic.probes.facts.OomKill;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Tests for {@link OomKillAssembler}: each OOM report variant, fed record by record. */
class OomKillAssemblerTest {

  private static final long BOOT = 1_700_000_000_000L;
  private static final long KB = 1024;

  private final ProbeMetrics metrics = new ProbeMetrics();
  private final OomKillAssembler assembler = new OomKillAssembler(BOOT, metrics);

  /** The kills a fixture's records produce, and the pids its reaper lines name. */
  private List<OomKill> kills(String fixture, List<Integer> reaped) {
    List<OomKill> kills = new ArrayList<>();
    for (KmsgRecord r : KmsgFixtures.records(fixture, metrics)) {
      assembler.accept(r).ifPresent(kills::add);
      OomKillAssembler.reapedPid(r.message()).ifPresent(reaped::add);
    }
    return kills;
  }

  @Test
  void globalOom6xWithTwoKillsInARow() {
    List<Integer> reaped = new ArrayList<>();
    List<OomKill> kills = kills("global-oom", reaped);
    assertEquals(List.of(
        new OomKill(0, BOOT + 7_208_057, 9277, "tail", 1000, 566796 * KB, 1508 * KB, 0L, 0, "tail",
            "CONSTRAINT_NONE", true, null, "/user.slice/user-1000.slice/session-3.scope", false),
        new OomKill(0, BOOT + 7_300_200, 10412, "java", 998, 1838000 * KB, 2100 * KB, 12 * KB, 300, "java",
            "CONSTRAINT_NONE", true, null, "/system.slice/app.service", false)),
        kills);
    assertEquals(List.of(9277), reaped, "emitted with reaped=false; the reaper line is reported separately");
    assertEquals(0, metrics.skippedRecords());
  }

  @Test
  void memcgOomWithGroupKill() {
    List<OomKill> kills = kills("memcg-oom", new ArrayList<>());
    assertEquals(List.of(
        new OomKill(0, BOOT + 2_400_100, 5101, "stress", 0, 258000 * KB, 900 * KB, 4 * KB, 500, "stress",
            "CONSTRAINT_MEMCG", false, "/system.slice/batch.service", "/system.slice/batch.service/worker", false),
        // the second member of the memory.oom.group kill shares the report, not the victim's task_memcg
        new OomKill(0, BOOT + 2_400_100, 5100, "batch-runner", 0, 12000 * KB, 0L, 0L, 0, "stress",
            "CONSTRAINT_MEMCG", false, "/system.slice/batch.service", null, false)),
        kills);
  }

  @Test
  void oldKernelSacrificeChildAndTaskInLines() {
    List<Integer> reaped = new ArrayList<>();
    List<OomKill> kills = kills("old-kernel", reaped);
    assertEquals(List.of(
        // "Kill process 1234 … or sacrifice child" then the child 1235 is the one killed
        new OomKill(0, BOOT + 600_010, 1235, "stress", null, 1002000 * KB, 4 * KB, 0L, null, "stress", null, true,
            null, null, false),
        new OomKill(0, BOOT + 700_010, 2222, "node", null, 522000 * KB, 16000 * KB, 0L, null, "node", null, false,
            "/docker/4f2a", "/docker/4f2a", false)),
        kills);
    assertEquals(List.of(1235), reaped);
  }

  @Test
  void hostileComms() {
    List<Integer> reaped = new ArrayList<>();
    List<OomKill> kills = kills("hostile-comm", reaped);
    assertEquals(4, kills.size());
    assertEquals(new OomKill(0, BOOT + 1_500_001, 4242, "a) (b", 1001, 10240 * KB, 0L, 0L, 1000, "a) (b",
        "CONSTRAINT_NONE", true, null, "/user.slice/user-1001.slice/session-7.scope", false), kills.get(0));
    assertEquals(List.of(4242), reaped);
    OomKill commas = kills.get(1);
    assertEquals(4343, commas.pid());
    assertEquals(",pid=1,uid=0", commas.comm());
    assertEquals(1002, commas.uid());
    assertEquals("/", commas.taskCgroup(), "the constraint line's pid is the last ,pid= one");
    OomKill fakeTotal = kills.get(2);
    assertEquals(4444, fakeTotal.pid());
    assertEquals("q) total-vm:1", fakeTotal.comm());
    assertEquals(2048 * KB, fakeTotal.anonRss());
    assertEquals("caf\\xc3\\xa9", kills.get(3).comm(), "as the kernel logged it, escaped");
  }

  @Test
  void killedLineAloneHasNullReportFields() {
    OomKill kill = assembler.accept(record(1, 5_000_000, 3,
        "Out of memory: Killed process 777 (lonely) total-vm:1000kB, anon-rss:800kB, file-rss:0kB, shmem-rss:0kB,"
            + " UID:0 pgtables:40kB oom_score_adj:-17")).orElseThrow();
    assertEquals(new OomKill(0, BOOT + 5_000, 777, "lonely", 0, 800 * KB, 0L, 0L, -17, null, null, true, null, null,
        false), kill);
  }

  @Test
  void memcgPrefixAloneMeansNotGlobal() {
    OomKill kill = assembler.accept(record(1, 5_000_000, 3,
        "Memory cgroup out of memory: Killed process 8 (x) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB,"
            + " UID:5 pgtables:4kB oom_score_adj:0")).orElseThrow();
    assertFalse(kill.global());
    assertNull(kill.oomCgroup());
  }

  @Test
  void kernel3xLineWithoutShmem() {
    OomKill kill = assembler.accept(record(1, 9_000_000, 3,
        "Killed process 31 (mysqld) total-vm:2048kB, anon-rss:1024kB, file-rss:8kB")).orElseThrow();
    assertEquals(1024 * KB, kill.anonRss());
    assertEquals(8 * KB, kill.fileRss());
    assertNull(kill.shmemRss());
    assertNull(kill.uid());
    assertTrue(kill.global(), "nothing said memcg");
  }

  /** Records 1 and 2 of a report: invoker {@code a}, constraint line for pid 10, uid 7. */
  private void invokerAndConstraintOfPid10() {
    assembler.accept(record(1, 1, 4, "a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"));
    assembler.accept(record(2, 2, 6, "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
        + "global_oom,task_memcg=/a.slice,task=a,pid=10,uid=7"));
  }

  @Test
  void constraintOfAnotherPidGivesReportFieldsButNotTaskFields() {
    invokerAndConstraintOfPid10();
    OomKill kill = assembler.accept(record(3, 3, 3, "Out of memory: Killed process 11 (b) total-vm:1kB, anon-rss:1kB,"
        + " file-rss:0kB, shmem-rss:0kB")).orElseThrow();
    assertEquals("a", kill.invoker());
    assertEquals("CONSTRAINT_NONE", kill.constraint());
    assertNull(kill.taskCgroup());
    assertNull(kill.uid(), "uid=7 is the other task's");
  }

  @Test
  void reportIsUsedByOneKillOnly() {
    assembler.accept(record(1, 1, 4, "a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"));
    assembler.accept(record(2, 2, 3, "Out of memory: Killed process 10 (a) total-vm:1kB, anon-rss:1kB, file-rss:0kB"));
    OomKill second = assembler.accept(record(3, 3, 3,
        "Out of memory: Killed process 11 (b) total-vm:1kB, anon-rss:1kB, file-rss:0kB")).orElseThrow();
    assertNull(second.invoker(), "its own invoker line was not seen");
  }

  @Test
  void sequenceGapDropsThePartialReport() {
    invokerAndConstraintOfPid10();
    // records 3..99 were overwritten before they were read
    OomKill kill = assembler.accept(record(100, 3, 3,
        "Out of memory: Killed process 10 (a) total-vm:1kB, anon-rss:1kB, file-rss:0kB")).orElseThrow();
    assertNull(kill.invoker());
    assertNull(kill.constraint());
    assertNull(kill.taskCgroup());
  }

  @Test
  void unknownSequencesAreNotGaps() {
    assembler.accept(record(-1, 1, 4, "a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"));
    OomKill kill = assembler.accept(record(-1, 3, 3,
        "Out of memory: Killed process 10 (a) total-vm:1kB, anon-rss:1kB, file-rss:0kB")).orElseThrow();
    assertEquals("a", kill.invoker());
  }

  @Test
  void garbledConstraintLineIsCounted() {
    assertEquals(Optional.empty(), assembler.accept(record(1, 1, 6, "oom-kill:constraint=CONSTRAINT_NONE,task=x")));
    assertEquals(1, metrics.skippedRecords());
  }

  @Test
  void unrelatedAndNearMissLinesProduceNothing() {
    for (String message : List.of(
        "systemd[1]: app.service: A process of this unit has been killed by the OOM killer.",
        "Out of memory and no killable processes...",
        "Killed process 12 (x)",
        "Killed process abc (x) total-vm:1kB",
        "oom_reaper: reaped process (x), now anon-rss:0kB")) {
      assertEquals(Optional.empty(), assembler.accept(record(-1, 1, 6, message)), message);
    }
  }

  @Test
  void reapedPid() {
    assertEquals(OptionalInt.of(9277), OomKillAssembler.reapedPid(
        "oom_reaper: reaped process 9277 (tail), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB"));
    assertEquals(OptionalInt.of(4242), OomKillAssembler.reapedPid(
        "oom_reaper: reaped process 4242 (a) (b), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB"));
    assertEquals(OptionalInt.empty(), OomKillAssembler.reapedPid("oom_reaper: unable to reap pid:9277 (tail)"));
  }
}
