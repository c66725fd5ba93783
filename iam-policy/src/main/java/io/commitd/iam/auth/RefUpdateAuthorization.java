package io.commitd.iam.auth;

import io.commitd.storage.refs.RefUpdateCheck;
import io.commitd.storage.refs.RefUpdateRequest;
import io.commitd.storage.refs.RefUpdateVerdict;
import io.commitd.storage.refs.RefusalReason;
import java.util.List;
import java.util.Map;

/**
 * Step 1 of the ref-update pipeline: authorizes the request's action ({@code codecommit:GitPush},
 * {@code codecommit:PutFile}, …) on the repository with {@code codecommit:References} holding
 * every ref the request updates, as CodeCommit does. A denial refuses every ref of the request.
 * What the front door already authorized with these very refs (the requester's grant) is not
 * asked again: a request is authorized once, with one context.
 */
public final class RefUpdateAuthorization implements RefUpdateCheck<Requester> {
  public static final String REFERENCES_KEY = "codecommit:References";

  private final AccessControl access;
  private final String region;

  public RefUpdateAuthorization(AccessControl access, String region) {
    this.access = access;
    this.region = region;
  }

  @Override
  public void check(RefUpdateRequest<Requester> request, RefUpdateVerdict verdict) {
    Requester requester = request.actor();
    String resource = request.repository().arn(region);
    List<String> refNames = request.refNames();
    if (requester.grant() != null && requester.grant().covers(request.action(), resource, refNames)) {
      return;
    }
    String[] action = request.action().split(":", 2);
    AccessRequest question = AccessRequest.of(requester.caller(), requester.facts(), new Action(action[0], action[1]), resource)
        .withKeys(Map.of(REFERENCES_KEY, refNames));
    AuthorizationResult result = access.decide(question);
    if (!result.allowed()) {
      verdict.refuseAllPending(RefusalReason.POLICY_DENIED, AccessControl.denial(question, result).getMessage());
    }
  }
}
