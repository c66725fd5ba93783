package io.commitd.iam.auth;

import io.commitd.storage.refs.RefUpdateCheck;
import io.commitd.storage.refs.RefUpdateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Step 1 of the ref-update pipeline: authorizes the request's action ({@code codecommit:GitPush},
 * {@code codecommit:PutFile}, …) on the repository with {@code codecommit:References} holding
 * every ref the request updates, as CodeCommit does. A denial rejects every ref of the request.
 */
public final class RefUpdateAuthorization implements RefUpdateCheck<Requester> {
  public static final String REFERENCES_KEY = "codecommit:References";

  private final Authorizer authorizer;
  private final String region;

  public RefUpdateAuthorization(Authorizer authorizer, String region) {
    this.authorizer = authorizer;
    this.region = region;
  }

  @Override
  public void check(RefUpdateRequest<Requester> request) {
    Requester requester = request.actor();
    Map<String, List<String>> context = new LinkedHashMap<>(GlobalConditionKeys.of(requester.caller(), requester.facts()));
    context.put(REFERENCES_KEY, request.refNames());
    String resource = request.repository().arn(region);
    AuthorizationResult result = authorizer.authorize(requester.caller(), request.action(), resource, context);
    if (result.allowed()) {
      return;
    }
    String reason =
        "User: " + requester.principalArn() + " is not authorized to perform: " + request.action()
            + " on resource: " + resource + " " + result.explanation();
    for (ReceiveCommand command : request.pending()) {
      command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
    }
  }
}
