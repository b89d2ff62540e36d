package dev.medic.engine.journal;

/**
 * One line of the journal, Medic's system of record: what it started with, every plan and gate decision, every
 * action's outcome, errors, and what it counted when it stopped. Operators ship the journal to their log systems
 * and later Medic features (approvals, restart recovery, fleet shipping) read it back, so its format is public:
 * {@code docs/journal-format.md}.
 *
 * <p>The set is sealed so a reader's {@code instanceof} chain can be checked for completeness, and each record
 * names its {@code event} word with {@link com.fasterxml.jackson.annotation.JsonTypeName}. To add an event: a
 * record here with {@code @JsonTypeName} and {@code @JsonPropertyOrder}, its name in {@code permits}, and its
 * section in the format page; {@link JournalCodec} finds it through the permitted subclasses.
 */
public sealed interface JournalEvent
    permits StartEvent, PlanEvent, DecisionEvent, ActionEvent, ErrorEvent, StopEvent, ReloadEvent, PruneEvent,
        FleetGrantEvent, FleetReleaseEvent, FleetDeniedEvent, ApprovalRequestedEvent, ApprovalGrantedEvent,
        ApprovalDeniedEvent, ApprovalExpiredEvent, ApprovalConsumedEvent, NotificationEvent,
        CrossingEvent {

  /** The event's {@code event} word: {@code start}, {@code plan}, {@code decision}, … */
  default String type() {
    return JournalCodec.typeOf(getClass());
  }
}
