package io.commitd.server.codecommit.pullrequests;

import io.commitd.reviews.NewPullRequest;
import io.commitd.reviews.PullRequestEvent;
import io.commitd.reviews.PullRequestRecord;
import io.commitd.reviews.PullRequestService;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.PageToken;
import io.commitd.server.codecommit.Repositories;
import io.commitd.storage.aws.Arn;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.repos.RepositoryRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pull-request operations: create, read, list, update title, description and status, and the
 * history of events.
 */
public final class PullRequestOperations implements OperationFamily {
  static final int TITLE_MAX = 150;
  static final int DESCRIPTION_MAX = 10_240;
  static final int CLIENT_TOKEN_MAX = 64;
  static final int DEFAULT_PAGE = 100;
  private static final Set<String> EVENT_TYPES = Set.of("PULL_REQUEST_CREATED", "PULL_REQUEST_STATUS_CHANGED",
      "PULL_REQUEST_SOURCE_REFERENCE_UPDATED", "PULL_REQUEST_MERGE_STATE_CHANGED", "PULL_REQUEST_APPROVAL_RULE_CREATED",
      "PULL_REQUEST_APPROVAL_RULE_UPDATED", "PULL_REQUEST_APPROVAL_RULE_DELETED", "PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN",
      "PULL_REQUEST_APPROVAL_STATE_CHANGED");

  private final Repositories repositories;
  private final PullRequestService pullRequests;
  private final ApprovalRulesView approvalRules;

  public PullRequestOperations(Repositories repositories, PullRequestService pullRequests, ApprovalRulesView approvalRules) {
    this.repositories = repositories;
    this.pullRequests = pullRequests;
    this.approvalRules = approvalRules;
  }

  /** The approval rules a pull request shows, in botocore's {@code ApprovalRule} shape. */
  @FunctionalInterface
  public interface ApprovalRulesView {
    List<Object> of(PullRequestRecord pullRequest);
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("CreatePullRequest", Operation.on(this::targetRepositoryArn, this::create))
        .add("GetPullRequest", Operation.on(this::pullRequestArn, this::get))
        .add("ListPullRequests", Operation.on(repositories::arnOfRepositoryName, this::list))
        .add("UpdatePullRequestTitle", Operation.on(this::pullRequestArn, this::updateTitle))
        .add("UpdatePullRequestDescription", Operation.on(this::pullRequestArn, this::updateDescription))
        .add("UpdatePullRequestStatus", Operation.on(this::pullRequestArn, this::updateStatus))
        .add("DescribePullRequestEvents", Operation.on(this::pullRequestArn, this::describeEvents));
  }

  // ---- resources

  /** The ARN of the repository of the pull request the request names: what its operations are authorized on. */
  public String pullRequestArn(OperationRequest request) {
    PullRequestRecord pr = pullRequest(request);
    RepositoryRecord repository = repositories.catalog().findById(pr.repositoryId())
        .orElseThrow(() -> AwsException.badRequest("PullRequestDoesNotExistException", "The pull request ID could not be found."));
    return repository.arn(repositories.region());
  }

  /** The pull request named by {@code pullRequestId}, with CodeCommit's errors. */
  public PullRequestRecord pullRequest(OperationRequest request) {
    String id = request.input().requiredString("pullRequestId", "PullRequestIdRequiredException",
        "A pull request ID is required, but none was provided.");
    PullRequestRecord pr = pullRequests.require(id);
    if (!pr.accountId().equals(request.accountId())) {
      throw AwsException.badRequest("PullRequestDoesNotExistException",
          "The pull request ID could not be found. Make sure that you have specified the correct repository name and pull request ID, and then try again.");
    }
    return pr;
  }

  private String targetRepositoryArn(OperationRequest request) {
    Input target = target(request.input());
    return repositories.arn(request.accountId(), target.string("repositoryName"));
  }

  // ---- operations

  private Object create(OperationRequest request) {
    Input input = request.input();
    String title = title(input);
    String description = description(input.string("description"));
    String token = input.string("clientRequestToken");
    if (input.has("clientRequestToken") && (token.isEmpty() || token.length() > CLIENT_TOKEN_MAX)) {
      throw AwsException.badRequest("InvalidClientRequestTokenException", "The client request token is not valid.");
    }
    Input target = target(input);
    RepositoryRecord repository = repositories.require(request.accountId(), target.string("repositoryName"));
    String source = reference(target.string("sourceReference"));
    String destination = reference(target.string("destinationReference"));
    PullRequestRecord pr = pullRequests.create(new NewPullRequest(repository, request.caller().principalArn(), title,
        description, source, destination, token, request.now()));
    return Map.of("pullRequest", shape(pr));
  }

  private Object get(OperationRequest request) {
    return Map.of("pullRequest", shape(pullRequest(request)));
  }

  private Object list(OperationRequest request) {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String status = input.string("pullRequestStatus");
    if (status != null && !status.equals(PullRequestRecord.OPEN) && !status.equals(PullRequestRecord.CLOSED)) {
      throw AwsException.badRequest("InvalidPullRequestStatusException", "The pull request status is not valid. The only valid values are OPEN and CLOSED.");
    }
    String author = input.string("authorArn");
    if (author != null && Arn.parse(author).isEmpty()) {
      throw AwsException.badRequest("InvalidAuthorArnException", "The Amazon Resource Name (ARN) is not valid: " + author);
    }
    int pageSize = maxResults(input, DEFAULT_PAGE);
    List<String> ids = pullRequests.store().list(repository.repositoryId(), author, status).stream().map(String::valueOf).toList();
    PageToken.Page<String> page = PageToken.page(ids, input.string("nextToken"), pageSize);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("pullRequestIds", page.items());
    if (page.nextToken() != null) {
      output.put("nextToken", page.nextToken());
    }
    return output;
  }

  private Object updateTitle(OperationRequest request) {
    String title = title(request.input());
    PullRequestRecord pr = pullRequests.updateTitle(pullRequest(request), title, request.caller().principalArn());
    return Map.of("pullRequest", shape(pr));
  }

  private Object updateDescription(OperationRequest request) {
    Input input = request.input();
    if (!input.has("description")) {
      throw AwsException.badRequest("InvalidDescriptionException", "The pull request description is not valid. Descriptions cannot be more than 10,240 characters.");
    }
    String description = description(input.string("description"));
    PullRequestRecord pr = pullRequests.updateDescription(pullRequest(request), description, request.caller().principalArn());
    return Map.of("pullRequest", shape(pr));
  }

  private Object updateStatus(OperationRequest request) {
    String status = request.input().requiredString("pullRequestStatus", "PullRequestStatusRequiredException",
        "A pull request status is required, but none was provided.");
    if (!status.equals(PullRequestRecord.OPEN) && !status.equals(PullRequestRecord.CLOSED)) {
      throw AwsException.badRequest("InvalidPullRequestStatusException", "The pull request status is not valid. The only valid values are OPEN and CLOSED.");
    }
    PullRequestRecord pr = pullRequests.updateStatus(pullRequest(request), status, request.caller().principalArn());
    return Map.of("pullRequest", shape(pr));
  }

  private Object describeEvents(OperationRequest request) {
    Input input = request.input();
    PullRequestRecord pr = pullRequest(request);
    String type = input.string("pullRequestEventType");
    if (type != null && !EVENT_TYPES.contains(type)) {
      throw AwsException.badRequest("InvalidPullRequestEventTypeException", "The pull request event type is not valid: " + type);
    }
    String actor = input.string("actorArn");
    if (actor != null && Arn.parse(actor).isEmpty()) {
      throw AwsException.badRequest("InvalidActorArnException", "The Amazon Resource Name (ARN) is not valid: " + actor);
    }
    int pageSize = maxResults(input, DEFAULT_PAGE);
    List<PullRequestEvent> events = pullRequests.store().events(pr.pullRequestId(), type, actor);
    PageToken.Page<PullRequestEvent> page = PageToken.page(events, input.string("nextToken"), pageSize);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("pullRequestEvents", page.items().stream().map(PullRequestShapes::event).toList());
    if (page.nextToken() != null) {
      output.put("nextToken", page.nextToken());
    }
    return output;
  }

  // ---- shapes and validation

  public PullRequestShapes.PullRequest shape(PullRequestRecord pr) {
    String name = repositories.catalog().findById(pr.repositoryId()).map(RepositoryRecord::name).orElse(null);
    return PullRequestShapes.of(pr, name, approvalRules.of(pr));
  }

  private static Input target(Input input) {
    if (!input.has("targets")) {
      throw AwsException.badRequest("TargetsRequiredException", "An array of target objects is required. It cannot be empty or null.");
    }
    List<Input> targets = input.structureList("targets");
    if (targets.isEmpty()) {
      throw AwsException.badRequest("TargetsRequiredException", "An array of target objects is required. It cannot be empty or null.");
    }
    if (targets.size() > 1) {
      throw AwsException.badRequest("MultipleRepositoriesInPullRequestException",
          "You cannot include more than one repository in a pull request. Make sure you have specified only one repository name in your request, and then try again.");
    }
    Input target = targets.get(0);
    if (target == null) {
      throw AwsException.badRequest("TargetRequiredException", "A pull request target is required. It cannot be empty or null.");
    }
    if (target.string("repositoryName") == null || target.string("repositoryName").isEmpty()) {
      throw AwsException.badRequest("RepositoryNameRequiredException", "A repository name is required, but was not specified.");
    }
    if (target.string("sourceReference") == null || target.string("sourceReference").isEmpty()) {
      throw AwsException.badRequest("ReferenceNameRequiredException", "A reference name is required, but none was provided.");
    }
    return target;
  }

  /** A branch as CodeCommit accepts it: {@code main} or {@code refs/heads/main}; only branches. */
  static String reference(String name) {
    if (name == null || name.isEmpty()) {
      throw AwsException.badRequest("ReferenceNameRequiredException", "A reference name is required, but none was provided.");
    }
    String full = name.startsWith("refs/") ? name : "refs/heads/" + name;
    if (!org.eclipse.jgit.lib.Repository.isValidRefName(full)) {
      throw AwsException.badRequest("InvalidReferenceNameException", "The specified reference name format is not valid: " + name);
    }
    if (!full.startsWith("refs/heads/")) {
      throw AwsException.badRequest("ReferenceTypeNotSupportedException", "The specified reference is not a supported type: " + name);
    }
    return full;
  }

  private static String title(Input input) {
    String title = input.string("title");
    if (title == null || title.isEmpty()) {
      throw AwsException.badRequest("TitleRequiredException", "A pull request title is required. It cannot be empty or null.");
    }
    if (title.length() > TITLE_MAX) {
      throw AwsException.badRequest("InvalidTitleException", "The title of the pull request is not valid. Pull request titles cannot exceed 150 characters.");
    }
    return title;
  }

  private static String description(String description) {
    if (description != null && description.length() > DESCRIPTION_MAX) {
      throw AwsException.badRequest("InvalidDescriptionException", "The pull request description is not valid. Descriptions cannot be more than 10,240 characters.");
    }
    return description;
  }

  public static int maxResults(Input input, int defaultSize) {
    Integer max = input.integer("maxResults");
    if (max == null) {
      return defaultSize;
    }
    if (max < 1 || max > defaultSize) {
      throw AwsException.badRequest("InvalidMaxResultsException", "The specified number of maximum results is not valid.");
    }
    return max;
  }
}
