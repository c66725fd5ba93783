package io.commitd.iam.policy;

/** A policy document that is not valid JSON or breaks the policy grammar; IAM's MalformedPolicyDocument. */
public final class MalformedPolicyDocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedPolicyDocumentException(String message) {
    super(message);
  }
}
