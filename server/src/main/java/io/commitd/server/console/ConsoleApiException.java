package io.commitd.server.console;

/** An error an operation answered the console with: AWS's code and message, as any client sees them. */
final class ConsoleApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ConsoleApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  boolean isAccessDenied() {
    return code.startsWith("AccessDenied");
  }
}
