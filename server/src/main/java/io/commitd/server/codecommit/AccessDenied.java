package io.commitd.server.codecommit;

import io.commitd.iam.auth.AuthorizationResult;
import io.commitd.iam.auth.Caller;
import io.commitd.storage.errors.AwsException;

/** CodeCommit's {@code AccessDeniedException}, worded as AWS words it. */
public final class AccessDenied {
  private AccessDenied() {}

  public static AwsException of(Caller caller, String action, String resource, AuthorizationResult result) {
    return new AwsException(
        "AccessDeniedException",
        400,
        "User: " + caller.principalArn() + " is not authorized to perform: " + action + " on resource: " + resource
            + " " + result.explanation());
  }
}
