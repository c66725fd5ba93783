package io.commitd.triggers.delivery;

import java.util.Locale;

/** The kinds of destination an event goes to; the tag of the dispatcher's metrics. */
public enum DestinationKind {
  SNS,
  LAMBDA,
  WEBHOOK,
  EVENTBRIDGE;

  /** {@code sns}, {@code lambda}, {@code webhook}, {@code eventbridge}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
