package io.commitd.server.api;

/**
 * An AWS service served by the front door: its prefix in IAM actions ({@code codecommit},
 * {@code iam}, {@code sts}, {@code access-analyzer}) and its operations. The prefix is also the
 * service a request's SigV4 credential scope must name.
 */
public record ApiService<R>(String prefix, OperationRegistry<R> operations) {

  /** The service name a SigV4 credential scope for this service carries. */
  public String signingName() {
    return prefix;
  }
}
