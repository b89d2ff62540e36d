package dev.medic.actions.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.actions.ActionContext;
import dev.medic.actions.ActionResult;
import dev.medic.actions.EvidenceBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link CaptureIdentityAction}, on a real child and on fixture trees. */
class CaptureIdentityActionTest {

  @TempDir Path tmp;
  private final LiveChildren children = new LiveChildren();

  @AfterEach
  void killChildren() throws InterruptedException {
    children.close();
  }

  @Test
  void liveChild_identityAndRedactedEnvironment() throws Exception {
    Path workDir = Files.createDirectory(tmp.resolve("work"));
    ProcessBuilder builder = new ProcessBuilder("sleep", "300").directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(Map.of("DB_PASSWORD", "hunter2", "API_TOKEN", "x", "PATH", "/usr/bin:/bin",
        "DATABASE_URL", "postgres://app:hunter2@db/x"));
    Process child = children.start(builder);
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("bundle"));

    ActionResult result = new CaptureIdentityAction().run(LiveChildren.live(child, Map.of(), bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    assertEquals(List.of("identity.txt", "environ.txt"), result.evidence());
    assertEquals(List.of("identity.txt", "environ.txt"), bundle.files());
    String identity = Files.readString(bundle.dir().resolve("identity.txt"));
    assertEquals("sleep 300", section(identity, "cmdline"));
    assertEquals(workDir.toRealPath().toString(), section(identity, "cwd"));
    assertTrue(section(identity, "exe").endsWith("/sleep"), identity);
    assertTrue(section(identity, "status").contains("Pid:\t" + child.pid()), identity);
    long jvm = ProcessHandle.current().pid();
    assertTrue(section(identity, "parent chain").lines().anyMatch(l -> l.startsWith(jvm + " (")), identity);
    List<String> environ = Files.readAllLines(bundle.dir().resolve("environ.txt"));
    assertTrue(environ.contains("DB_PASSWORD=<redacted>"), environ.toString());
    assertTrue(environ.contains("API_TOKEN=<redacted>"), environ.toString());
    assertTrue(environ.contains("PATH=/usr/bin:/bin"), environ.toString());
    assertTrue(environ.contains("DATABASE_URL=postgres://<redacted>@db/x"), environ.toString());
    assertFalse(Files.readString(bundle.dir().resolve("environ.txt")).contains("hunter2"));
    assertFalse(identity.contains("hunter2"));
  }

  @Test
  void fixture_parentChainWithHostileCommAndRedactedCmdline() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc"))
        .process(300, "my app) S 1 (", 200)
        .file(300, "cmdline", "/opt/app\0--db\0postgres://u:p@h/x\0")
        .file(300, "environ", "A=1\0SECRET_X=y\0")
        .file(300, "status", "Name:\tmy app\nState:\tS (sleeping)\n")
        .link(300, "cwd", "/srv/app")
        .process(200, "evil) 1 (x", 1)
        .file(200, "cmdline", "sh\0")
        .process(1, "init", 0)
        .file(1, "cmdline", "/sbin/init\0");
    EvidenceBundle bundle = EvidenceBundle.open(tmp.resolve("bundle"));

    ActionResult result = new CaptureIdentityAction().run(fixture(proc, 300, bundle));

    assertEquals(ActionResult.Status.OK, result.status(), result.detail());
    String identity = Files.readString(bundle.dir().resolve("identity.txt"));
    assertEquals("/opt/app --db postgres://<redacted>@h/x", section(identity, "cmdline"));
    assertEquals("/srv/app", section(identity, "cwd"));
    assertEquals("unreadable: no such file", section(identity, "exe"), "no exe, like a kernel thread");
    assertEquals("200 (evil) 1 (x) sh\n1 (init) /sbin/init", section(identity, "parent chain"));
    assertEquals("Name:\tmy app\nState:\tS (sleeping)", section(identity, "status"));
    assertEquals("A=1\nSECRET_X=<redacted>\n", Files.readString(bundle.dir().resolve("environ.txt")));
  }

  @Test
  void parentChain_stopsAfterMaxHopsOnALoop() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(10, "a", 11).process(11, "b", 10);

    List<String> lines = CaptureIdentityAction.parentChain(proc.host, 11).lines().toList();

    assertEquals(CaptureIdentityAction.MAX_HOPS + 1, lines.size());
    assertEquals("stopped after 64 ancestors", lines.get(lines.size() - 1));
  }

  @Test
  void parentChain_endsAtAVanishedAncestor() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).process(10, "a", 99).file(10, "cmdline", "a\0");

    assertEquals("10 (a) a\n99 (gone)\n", CaptureIdentityAction.parentChain(proc.host, 10));
  }

  @Test
  void zombie_isGone() throws Exception {
    ProcFixture proc = new ProcFixture(tmp.resolve("proc")).file(5, "stat", "5 (dead) Z 1");

    ActionResult result = new CaptureIdentityAction().run(fixture(proc, 5, EvidenceBundle.open(tmp.resolve("b"))));

    assertEquals(ActionResult.Status.TARGET_GONE, result.status());
  }

  private static ActionContext fixture(ProcFixture proc, int pid, EvidenceBundle bundle) {
    return new ActionContext(pid, proc.host, Map.of(), bundle, Duration.ofSeconds(10));
  }

  /** The body of {@code == title ==} in identity.txt, without its trailing newline. */
  private static String section(String identity, String title) {
    String header = "== " + title + " ==\n";
    int start = identity.indexOf(header);
    assertTrue(start >= 0, "no section " + title + " in\n" + identity);
    int from = start + header.length();
    int end = identity.indexOf("\n\n== ", from);
    return identity.substring(from, end < 0 ? identity.length() : end).stripTrailing();
  }
}
