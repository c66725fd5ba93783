package io.commitd.triggers.delivery;

/** A destination refused or could not be reached; the message says how, for {@code last_error} and operators. */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeliveryException(String message) {
    super(message);
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
