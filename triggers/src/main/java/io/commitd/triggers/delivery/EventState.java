package io.commitd.triggers.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An outbox event with its delivery state, as operators see it. */
public record EventState(
    OutboxEvent event,
    State state,
    Instant nextAttemptAt,
    Instant deliveredAt,
    String lastError,
    List<String> deliveredTo) {

  /** Where an event is in its life. */
  public enum State {
    /** Not yet delivered everywhere, with attempts left. */
    PENDING,
    /** Every destination has it. */
    DELIVERED,
    /** Attempts are exhausted; an operator may retry it. */
    DEAD;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The state of that (lower-case) name, or null. */
    public static State fromWireName(String name) {
      for (State state : values()) {
        if (state.wireName().equals(name)) {
          return state;
        }
      }
      return null;
    }
  }
}
