package dev.medic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.medic.checks.LabNet;
import dev.medic.probes.HostRoot;
import dev.medic.probes.netns.NamespaceThread;
import dev.medic.probes.netns.NetNamespace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code medic diagnose} from a client namespace against a listener in a server namespace (two namespaces the
 * test makes, joined by a veth pair, addresses in TEST-NET-3 picked at random so no other lab finds them): a
 * firewall REJECT (tcp-reset) and a firewall DROP in the server namespace are each named, with the rule whose
 * counter grew. Root only; skipped otherwise. The namespaces, and with them the rules, are deleted in every outcome.
 */
@Tag("lab")
class DiagnoseLabTest {

  @Test
  void aRejectAndADropInTheServerNamespaceAreNamedFromTheClient() throws Exception {
    LabNet.require(true);
    int host = ThreadLocalRandom.current().nextInt(10, 250);
    String clientAddr = "203.0.113." + host;
    String serverAddr = "203.0.113." + (host + 1);
    try (LabNet lab = LabNet.create(clientAddr, serverAddr);
        NamespaceThread server = NamespaceThread.enter(NetNamespace.named(HostRoot.live(), lab.server))) {
      // a listener that is there all along: created on the server namespace's thread, so it is in that namespace
      ServerSocket listener = server.call(() -> new ServerSocket(8080, 16, InetAddress.getByName(serverAddr)),
          2_000);
      try {
        String target = "tcp://" + serverAddr + ":8080";
        CliRun ok = CliRun.of("diagnose", "--netns", lab.client, "--timeout", "1s", target);
        assertEquals(MedicCli.OK, ok.code(), ok.toString());
        assertTrue(ok.out().contains("Inside (net:["), "served from the server namespace: " + ok.out());

        lab.serverRule("-p", "tcp", "--dport", "8080", "-j", "REJECT", "--reject-with", "tcp-reset");
        CliRun reject = CliRun.of("diagnose", "--netns", lab.client, "--timeout", "1s", target);
        assertEquals(MedicCli.FAILED, reject.code(), reject.toString());
        assertTrue(reject.out().contains("connect_refused"), reject.out());
        assertTrue(reject.out().contains("Verdict: UNHEALTHY: firewall_reject"), reject.out());
        assertTrue(reject.out().contains("OutRsts +0"), reject.out());
        assertTrue(reject.out().contains("-j REJECT"), "the rule whose counter grew: " + reject.out());
        lab.clearRules();

        lab.serverRule("-p", "tcp", "--dport", "8080", "-j", "DROP");
        CliRun drop = CliRun.of("diagnose", "--netns", lab.client, "--timeout", "1s", target);
        assertEquals(MedicCli.FAILED, drop.code(), drop.toString());
        assertTrue(drop.out().contains("connect_timeout"), drop.out());
        assertTrue(drop.out().contains("Verdict: UNHEALTHY: firewall_drop"), drop.out());
        assertTrue(drop.out().contains("-j DROP"), "the rule whose counter grew: " + drop.out());
      } finally {
        listener.close();
      }
    }
  }
}
