package io.commitd.iam.auth;

import io.commitd.storage.refs.Actor;
import java.util.List;

/**
 * A caller together with the facts of the request it made: what the ref-update pipeline carries,
 * so that conditions such as {@code aws:SourceIp} hold for a push exactly as for an API call.
 *
 * @param grant what the front door already authorized for this request, or null: the pipeline
 *     does not ask twice for what the grant covers
 */
public record Requester(Caller caller, RequestFacts facts, Grant grant) implements Actor {

  public Requester(Caller caller, RequestFacts facts) {
    this(caller, facts, null);
  }

  /** An action allowed on resources with {@code codecommit:References} holding {@code references}. */
  public record Grant(Action action, List<String> resources, List<String> references) {
    public Grant {
      resources = List.copyOf(resources);
      references = List.copyOf(references);
    }

    boolean covers(String action, String resource, List<String> refNames) {
      return this.action.toString().equals(action) && resources.contains(resource) && references.containsAll(refNames);
    }
  }

  @Override
  public String accountId() {
    return caller.accountId();
  }

  @Override
  public String principalArn() {
    return caller.principalArn();
  }
}
