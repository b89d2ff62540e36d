package dev.medic.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Something went wrong and Medic carried on: a sweep that failed, a recorder that could not write, an evidence
 * folder that could not be made.
 *
 * @param at wall clock, epoch milliseconds
 * @param incident the incident it concerns; absent when it concerns none
 * @param message what went wrong, in words
 */
@JsonTypeName("error")
@JsonPropertyOrder({"at", "incident", "message"})
public record ErrorEvent(long at, @JsonInclude(JsonInclude.Include.NON_NULL) String incident, String message)
    implements JournalEvent {

  /** An error about no incident. */
  public static ErrorEvent of(long at, String message) {
    return new ErrorEvent(at, null, message);
  }
}
