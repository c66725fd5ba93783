package io.commitd.iam.auth;

/** The kinds of principal a request can be made as. */
public enum PrincipalType {
  /** The account's root user: allowed everything in its own account. */
  ROOT,
  /** An IAM user, signing with its own access key. */
  USER,
  /** A role session from {@code sts:AssumeRole}. */
  ASSUMED_ROLE,
  /** A user's session from {@code sts:GetSessionToken}. */
  USER_SESSION
}
