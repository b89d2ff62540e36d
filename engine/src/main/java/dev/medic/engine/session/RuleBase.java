package dev.medic.engine.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.conf.KieBaseOption;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.internal.conf.AlphaRangeIndexThresholdOption;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.utils.KieHelper;

/**
 * A compiled rule base: DRL built into a STREAM-mode KieBase. Building takes about a second, so callers do it off
 * the event loop. Classic DRL (drools-mvel) builds 2.5x faster than the executable model for rules made at
 * runtime, which is why Medic emits DRL text.
 */
public final class RuleBase {

  private final KieBase kieBase;
  private final String drl;
  private final SessionSpec spec;

  private RuleBase(KieBase kieBase, String drl, SessionSpec spec) {
    this.kieBase = kieBase;
    this.drl = drl;
    this.spec = spec;
  }

  /** A trend the rules read: the engine keeps its {@link Trend} facts up to date. */
  public static DerivedFacts.TrendSpec trend(String type, String field, long overMillis, boolean leastSquares) {
    return new DerivedFacts.TrendSpec(type, field, overMillis, leastSquares);
  }

  /** Builds the DRL; a compiler bug that yields invalid DRL is reported with Drools' messages. */
  public static RuleBase build(String drl) {
    return build(drl, SessionSpec.none());
  }

  /** Builds the DRL; {@code spec} says what its sessions derive and admit. */
  public static RuleBase build(String drl, SessionSpec spec) {
    KieHelper helper = new KieHelper();
    // a source path that matches the DRL package keeps Drools from warning about the folder on every build
    helper.addResource(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
        .setSourcePath("dev/medic/rules/runbooks.drl"), ResourceType.DRL);
    Results results = helper.verify();
    List<Message> errors = results.getMessages(Message.Level.ERROR);
    if (!errors.isEmpty()) {
      throw new IllegalStateException("generated DRL does not build:\n"
          + errors.stream().map(Message::toString).collect(Collectors.joining("\n")));
    }
    return new RuleBase(helper.build(options()), drl, spec);
  }

  /**
   * How every Medic rule base is built: STREAM mode, and no alpha range index. Drools builds that index once many
   * rules compare one field with a range, and it fails ("Index conflict") when two thresholds on a whole-number
   * field differ only by a fraction ({@code openFds > 900} and {@code openFds > 900.5}); runbooks may legally say
   * both, so Medic turns the index off rather than let an odd threshold stop the agent.
   */
  public static KieBaseOption[] options() {
    return new KieBaseOption[] {EventProcessingOption.STREAM, AlphaRangeIndexThresholdOption.get(0)};
  }

  public SessionSpec spec() {
    return spec;
  }

  /** The same rules with another spec (for example one that admits every sample). */
  public RuleBase with(SessionSpec other) {
    return new RuleBase(kieBase, drl, other);
  }

  public String drl() {
    return drl;
  }

  /**
   * A new session on a pseudo clock. Live and replay both drive the clock from the samples' timestamps, so a
   * recording replayed makes exactly the decisions the live run made.
   */
  public RuleSession newSession() {
    KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
    conf.setOption(ClockTypeOption.PSEUDO);
    KieSession session = kieBase.newKieSession(conf, null);
    return new RuleSession(session, spec);
  }
}
