package io.commitd.storage.refs;

/**
 * Who changes a ref, as far as storage needs to know: enough to write the audit record and the
 * event. The IAM module's caller type implements it with everything else policies need.
 */
public interface Actor {
  String accountId();

  String principalArn();
}
