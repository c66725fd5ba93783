package io.commitd.server.codecommit;

import io.commitd.iam.sigv4.AuthFailure;

/** The error codes AWS JSON services answer authentication failures with (all HTTP 403). */
final class JsonAuthErrors {
  private JsonAuthErrors() {}

  static String code(AuthFailure failure) {
    return switch (failure) {
      case MISSING_AUTHENTICATION -> "MissingAuthenticationTokenException";
      case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
      case UNRECOGNIZED_CLIENT, INVALID_TOKEN -> "UnrecognizedClientException";
      case EXPIRED_TOKEN -> "ExpiredTokenException";
      case SIGNATURE_MISMATCH, REQUEST_EXPIRED -> "InvalidSignatureException";
    };
  }
}
