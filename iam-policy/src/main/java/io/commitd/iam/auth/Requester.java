package io.commitd.iam.auth;

import io.commitd.storage.refs.Actor;

/**
 * A caller together with the facts of the request it made: what the ref-update pipeline carries,
 * so that conditions such as {@code aws:SourceIp} hold for a push exactly as for an API call.
 */
public record Requester(Caller caller, RequestFacts facts) implements Actor {
  @Override
  public String accountId() {
    return caller.accountId();
  }

  @Override
  public String principalArn() {
    return caller.principalArn();
  }
}
