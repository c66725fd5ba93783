package io.commitd.iam.sigv4;

/**
 * Why authentication failed. Each protocol names these differently (JSON:
 * {@code InvalidSignatureException}; Query: {@code SignatureDoesNotMatch}), so the front door
 * maps the reason to its protocol's error code.
 */
public enum AuthFailure {
  /** No Authorization header (or credential) at all. */
  MISSING_AUTHENTICATION,
  /** An Authorization header that is not a well-formed SigV4 header. */
  INCOMPLETE_SIGNATURE,
  /** The access key id is unknown or inactive. */
  UNRECOGNIZED_CLIENT,
  /** The security token does not belong to the access key, or is missing. */
  INVALID_TOKEN,
  /** The temporary credentials have expired. */
  EXPIRED_TOKEN,
  /** The signature is not the one the secret gives. */
  SIGNATURE_MISMATCH,
  /** The request time is outside the 15-minute window. */
  REQUEST_EXPIRED
}
