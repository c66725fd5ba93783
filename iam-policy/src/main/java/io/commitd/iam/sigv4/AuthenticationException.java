package io.commitd.iam.sigv4;

/** A request whose credentials or signature do not hold; carries the reason for the front door. */
public final class AuthenticationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final AuthFailure failure;

  public AuthenticationException(AuthFailure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public AuthFailure failure() {
    return failure;
  }
}
