package dev.medic.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.engine.journal.ActionEvent;
import dev.medic.engine.journal.ApprovalGrantedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's page in a real headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run): it
 * shows the pending approval of a real child process; entering the token and clicking Approve gets the action
 * carried out by the agent, as the journal and the child's /proc show. Skipped when Chromium is not installed.
 */
class WebPageTest {

  @Test
  void anApprovalClickedOnThePageIsCarriedOutByTheAgent(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(WebDriverClient.available(), "chromium and chromedriver are not installed");
    Path profile = Files.createDirectory(tmp.resolve("profile"));
    Files.createDirectory(tmp.resolve("agent"));
    try (ApprovalAgent a = new ApprovalAgent(tmp.resolve("agent"), 1).start(Duration.ofMinutes(10), 1000);
        WebDriverClient browser = new WebDriverClient(profile)) {
      String id = ApiServerTest.awaitPending(a, 1).get(0).path("id").asText();
      browser.open(a.base + "/");
      String row = browser.await("#approvals tr[data-id='" + id + "']", Duration.ofSeconds(15));
      assertTrue(browser.text(row).contains("set_oom_score_adj"), browser.text(row));
      assertTrue(browser.text(browser.await("#incidents li", Duration.ofSeconds(5))).contains("oom_score_adj"));

      browser.click(browser.await("#approve-" + id, Duration.ofSeconds(5)));
      String message = browser.await("#message", Duration.ofSeconds(5));
      assertTrue(waitForText(browser, message, "token"), "without the token the page asks for it");
      assertEquals(1, ApiServerTest.json(a.get("/approvals")).path("approvals").size(), "nothing was sent");

      browser.type(browser.await("#token", Duration.ofSeconds(5)), a.token);
      browser.type(browser.await("#approver", Duration.ofSeconds(5)), "alice");
      browser.click(browser.await("#save", Duration.ofSeconds(5)));
      browser.type(browser.await("#reason-" + id, Duration.ofSeconds(5)), "clicked in the test");
      browser.click(browser.await("#approve-" + id, Duration.ofSeconds(5)));
      assertTrue(waitForText(browser, message, "approved " + id), browser.text(message));

      ApprovalGrantedEvent granted = ApiServerTest.awaitEvent(a, ApprovalGrantedEvent.class, e -> e.id().equals(id));
      assertEquals("alice", granted.approver());
      assertEquals("clicked in the test", granted.reason());
      ActionEvent done = ApiServerTest.awaitEvent(a, ActionEvent.class, e -> e.action().equals("set_oom_score_adj"));
      assertEquals("ok", done.status(), done.toString());
      assertEquals("700", ApiServerTest.oomScoreAdj(a.pid(0)));
    }
  }

  private static boolean waitForText(WebDriverClient b, String element, String part) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (b.text(element).contains(part)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
