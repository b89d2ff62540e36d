package dev.medic.actions.builtin;

import dev.medic.actions.ActionContext;
import java.util.List;

/**
 * {@code capture_ruleset}: the firewall ruleset with rule handles and counters ({@code nft -a list ruleset}), as
 * {@code ruleset.txt}. On hosts where iptables is the nftables backend this shows the iptables rules too. A DROP or
 * REJECT rule whose counter grows, on the checked port, is the cause refused-by-firewall and firewall-drop point
 * at. Needs {@code nft} (package nftables) and CAP_NET_ADMIN; without them the action fails and says so.
 */
public final class CaptureRulesetAction extends HostCapture {

  public static final String NAME = "capture_ruleset";
  public static final String FILE = "ruleset.txt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  List<List<String>> commands(ActionContext ctx) {
    return List.of(List.of("nft", "-a", "list", "ruleset"));
  }

  @Override
  String evidenceFile() {
    return FILE;
  }
}
