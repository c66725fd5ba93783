package io.commitd.storage.errors;

/**
 * The one error type of commitd: an AWS error code (the exception name botocore knows,
 * such as {@code RepositoryDoesNotExistException} or IAM's {@code NoSuchEntity}), the HTTP
 * status the real service answers with, and a message for people. The front door turns it
 * into the protocol's error shape; nothing else needs to know how errors travel.
 */
public class AwsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  public AwsException(String code, int status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  public AwsException(String code, int status, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
  }

  /** A client mistake: HTTP 400, the most common case. */
  public static AwsException badRequest(String code, String message) {
    return new AwsException(code, 400, message);
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
