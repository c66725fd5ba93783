package io.commitd.server.codecommit.comments;

import com.fasterxml.jackson.databind.JsonNode;
import io.commitd.git.tree.GitPaths;
import io.commitd.reviews.CommentRecord;
import io.commitd.reviews.CommentService;
import io.commitd.reviews.NewComment;
import io.commitd.reviews.PullRequestRecord;
import io.commitd.reviews.Reaction;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.PageToken;
import io.commitd.server.codecommit.Repositories;
import io.commitd.server.codecommit.pullrequests.PullRequestOperations;
import io.commitd.storage.aws.Arn;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.repos.RepositoryRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Comments and reactions: on compared commits and in pull requests, anchored to a file and line or
 * not, replies, edits by the author, deletion that keeps the thread, and reactions.
 */
public final class CommentOperations implements OperationFamily {
  static final int CONTENT_MAX = 10_240;
  static final int CLIENT_TOKEN_MAX = 64;
  static final int DEFAULT_PAGE = 100;
  static final int MAX_REACTIONS_PAGE = 1000;

  private final Repositories repositories;
  private final CommentService comments;
  private final PullRequestOperations pullRequests;

  public CommentOperations(Repositories repositories, CommentService comments, PullRequestOperations pullRequests) {
    this.repositories = repositories;
    this.comments = comments;
    this.pullRequests = pullRequests;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("PostCommentForComparedCommit", Operation.on(repositories::arnOfRepositoryName, this::postForComparedCommit))
        .add("PostCommentForPullRequest", Operation.on(pullRequests::pullRequestArn, this::postForPullRequest))
        .add("PostCommentReply", Operation.on(r -> commentArn(r, "inReplyTo"), this::reply))
        .add("GetComment", Operation.on(r -> commentArn(r, "commentId"), this::get))
        .add("GetCommentsForComparedCommit", Operation.on(repositories::arnOfRepositoryName, this::forComparedCommit))
        .add("GetCommentsForPullRequest", Operation.on(pullRequests::pullRequestArn, this::forPullRequest))
        .add("UpdateComment", Operation.on(r -> commentArn(r, "commentId"), this::update))
        .add("DeleteCommentContent", Operation.on(r -> commentArn(r, "commentId"), this::deleteContent))
        .add("PutCommentReaction", Operation.on(r -> commentArn(r, "commentId"), this::react))
        .add("GetCommentReactions", Operation.on(r -> commentArn(r, "commentId"), this::reactions));
  }

  private String commentArn(OperationRequest request, String member) {
    CommentRecord comment = comments.require(request.input().string(member));
    if (!comment.accountId().equals(request.accountId())) {
      throw AwsException.badRequest("CommentDoesNotExistException",
          "No comment exists with the provided ID. Verify that you have used the correct ID, and then try again.");
    }
    return repositories.catalog().findById(comment.repositoryId())
        .map(r -> r.arn(repositories.region()))
        .orElseThrow(() -> AwsException.badRequest("CommentDoesNotExistException", "No comment exists with the provided ID."));
  }

  // ---- posting

  private Object postForComparedCommit(OperationRequest request) {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    CommentRecord comment = comments.post(newComment(request, repository, null, input.string("beforeCommitId"),
        requiredCommit(input, "afterCommitId")));
    Map<String, Object> output = comparisonShape(repository, comment);
    output.put("comment", shape(comment, request));
    return output;
  }

  private Object postForPullRequest(OperationRequest request) {
    Input input = request.input();
    PullRequestRecord pr = pullRequests.pullRequest(request);
    RepositoryRecord repository = repositoryOfPullRequest(request, pr);
    CommentRecord comment = comments.post(newComment(request, repository, pr, requiredCommit(input, "beforeCommitId"),
        requiredCommit(input, "afterCommitId")));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("repositoryName", repository.name());
    output.put("pullRequestId", pr.id());
    output.putAll(comparisonShape(repository, comment));
    output.put("comment", shape(comment, request));
    return output;
  }

  private NewComment newComment(OperationRequest request, RepositoryRecord repository, PullRequestRecord pr,
      String beforeCommitId, String afterCommitId) {
    Input input = request.input();
    String content = content(input);
    String token = token(input);
    String filePath = null;
    Long filePosition = null;
    String version = null;
    if (input.has("location")) {
      Input location = input.structure("location");
      String path = location.string("filePath");
      if (path == null || path.isEmpty()) {
        throw AwsException.badRequest("PathRequiredException", "The filePath for a location cannot be empty or null.");
      }
      filePath = GitPaths.readable(path, false);
      JsonNode position = location.node().get("filePosition");
      if (position != null && !position.isNull()) {
        if (!position.canConvertToLong() || !position.isIntegralNumber() || position.longValue() < 0) {
          throw AwsException.badRequest("InvalidFilePositionException", "The position is not valid. Make sure that the line number exists in the version of the file you want to comment on.");
        }
        filePosition = position.longValue();
      }
      version = location.string("relativeFileVersion");
      if (version == null) {
        version = "AFTER";
      } else if (!version.equals("BEFORE") && !version.equals("AFTER")) {
        throw AwsException.badRequest("InvalidRelativeFileVersionEnumException", "Either the enum is not in a valid format, or the specified file version enum is not valid in respect to the current file version.");
      }
      if ("BEFORE".equals(version) && beforeCommitId == null) {
        throw AwsException.badRequest("InvalidFileLocationException", "The location of the file is not valid. Make sure that you include the file name and extension.");
      }
    }
    return new NewComment(repository, pr, beforeCommitId, afterCommitId, filePath, filePosition, version, content,
        request.caller().principalArn(), token, request.now());
  }

  private Object reply(OperationRequest request) {
    Input input = request.input();
    String content = content(input);
    CommentRecord reply = comments.reply(input.string("inReplyTo"), content, token(input), request.caller().principalArn(),
        request.now());
    return Map.of("comment", shape(reply, request));
  }

  // ---- reading

  private Object get(OperationRequest request) {
    CommentRecord comment = comments.requireLive(request.input().string("commentId"));
    return Map.of("comment", shape(comment, request));
  }

  private Object forComparedCommit(OperationRequest request) {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    String after = requiredCommit(input, "afterCommitId");
    String before = input.string("beforeCommitId");
    int pageSize = PullRequestOperations.maxResults(input, DEFAULT_PAGE);
    List<Map<String, Object>> groups = threads(comments.onComparison(repository, before, after), request, repository, null);
    PageToken.Page<Map<String, Object>> page = PageToken.page(groups, input.string("nextToken"), pageSize);
    return paged("commentsForComparedCommitData", page);
  }

  private Object forPullRequest(OperationRequest request) {
    Input input = request.input();
    PullRequestRecord pr = pullRequests.pullRequest(request);
    String repositoryName = input.string("repositoryName");
    String before = input.string("beforeCommitId");
    String after = input.string("afterCommitId");
    if (repositoryName != null) {
      RepositoryRecord named = repositories.require(request.accountId(), repositoryName);
      if (!named.repositoryId().equals(pr.repositoryId())) {
        throw notAssociated();
      }
      if (before == null || after == null) {
        throw AwsException.badRequest("CommitIdRequiredException", "A commit ID is required, but was not specified.");
      }
    }
    RepositoryRecord repository = repositoryOfPullRequest(request, pr);
    List<CommentRecord> all = comments.store().ofPullRequest(pr.pullRequestId()).stream()
        .filter(c -> before == null || before.equals(c.beforeCommitId()))
        .filter(c -> after == null || after.equals(c.afterCommitId()))
        .toList();
    int pageSize = PullRequestOperations.maxResults(input, DEFAULT_PAGE);
    List<Map<String, Object>> groups = threads(all, request, repository, pr);
    PageToken.Page<Map<String, Object>> page = PageToken.page(groups, input.string("nextToken"), pageSize);
    return paged("commentsForPullRequestData", page);
  }

  /** Comments grouped as CodeCommit groups them: by the compared commits and the location of the thread. */
  private List<Map<String, Object>> threads(List<CommentRecord> all, OperationRequest request, RepositoryRecord repository,
      PullRequestRecord pr) {
    Map<String, List<CommentRecord>> byGroup = new LinkedHashMap<>();
    for (CommentRecord comment : all) {
      String key = comment.beforeCommitId() + "|" + comment.afterCommitId() + "|" + comment.filePath() + "|"
          + comment.filePosition() + "|" + comment.relativeFileVersion();
      byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(comment);
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    for (List<CommentRecord> group : byGroup.values()) {
      CommentRecord first = group.get(0);
      Map<String, Object> shape = new LinkedHashMap<>();
      if (pr != null) {
        shape.put("pullRequestId", pr.id());
      }
      shape.putAll(comparisonShape(repository, first));
      shape.put("comments", group.stream().map(c -> shape(c, request)).toList());
      groups.add(shape);
    }
    return groups;
  }

  // ---- changing

  private Object update(OperationRequest request) {
    Input input = request.input();
    String content = content(input);
    CommentRecord updated = comments.update(input.string("commentId"), content, request.caller().principalArn(), request.now());
    return Map.of("comment", shape(updated, request));
  }

  private Object deleteContent(OperationRequest request) {
    CommentRecord deleted = comments.deleteContent(request.input().string("commentId"), request.now());
    return Map.of("comment", shape(deleted, request));
  }

  private Object react(OperationRequest request) {
    Input input = request.input();
    if (!input.has("reactionValue")) {
      throw AwsException.badRequest("ReactionValueRequiredException", "A reaction value is required.");
    }
    comments.react(input.string("commentId"), input.string("reactionValue"), request.caller().principalArn(), request.now());
    return null;
  }

  private Object reactions(OperationRequest request) {
    Input input = request.input();
    CommentRecord comment = comments.requireLive(input.string("commentId"));
    String user = input.string("reactionUserArn");
    if (user != null && Arn.parse(user).isEmpty()) {
      throw AwsException.badRequest("InvalidReactionUserArnException", "The Amazon Resource Name (ARN) of the user or identity is not valid: " + user);
    }
    int pageSize = PullRequestOperations.maxResults(input, MAX_REACTIONS_PAGE);
    Map<String, List<String>> usersByReaction = new TreeMap<>();
    comments.store().reactions(comment.commentId()).forEach((arn, reaction) -> {
      if (user == null || user.equals(arn)) {
        usersByReaction.computeIfAbsent(reaction, r -> new ArrayList<>()).add(arn);
      }
    });
    List<CommentShapes.ReactionForComment> all = usersByReaction.entrySet().stream()
        .map(e -> {
          Reaction reaction = Reaction.valueOf(e.getKey());
          return new CommentShapes.ReactionForComment(
              new CommentShapes.ReactionValueFormats(reaction.emoji(), reaction.shortCode(), reaction.unicode()), e.getValue(), 0);
        })
        .toList();
    PageToken.Page<CommentShapes.ReactionForComment> page = PageToken.page(all, input.string("nextToken"), pageSize);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("reactionsForComment", page.items());
    if (page.nextToken() != null) {
      output.put("nextToken", page.nextToken());
    }
    return output;
  }

  // ---- shapes and validation

  private CommentShapes.Comment shape(CommentRecord comment, OperationRequest request) {
    return CommentShapes.of(comment, comments.store().reactions(comment.commentId()), request.caller().principalArn());
  }

  private static Map<String, Object> comparisonShape(RepositoryRecord repository, CommentRecord comment) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("repositoryName", repository.name());
    putIfPresent(shape, "beforeCommitId", comment.beforeCommitId());
    shape.put("afterCommitId", comment.afterCommitId());
    putIfPresent(shape, "beforeBlobId", comment.beforeBlobId());
    putIfPresent(shape, "afterBlobId", comment.afterBlobId());
    putIfPresent(shape, "location", CommentShapes.Location.of(comment));
    return shape;
  }

  private static void putIfPresent(Map<String, Object> shape, String member, Object value) {
    if (value != null) {
      shape.put(member, value);
    }
  }

  private static <T> Map<String, Object> paged(String member, PageToken.Page<T> page) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put(member, page.items());
    if (page.nextToken() != null) {
      output.put("nextToken", page.nextToken());
    }
    return output;
  }

  private RepositoryRecord repositoryOfPullRequest(OperationRequest request, PullRequestRecord pr) {
    String name = request.input().string("repositoryName");
    RepositoryRecord repository = repositories.catalog().findById(pr.repositoryId())
        .orElseThrow(() -> AwsException.badRequest("RepositoryDoesNotExistException", "The pull request's repository does not exist."));
    if (name != null && !Objects.equals(name, repository.name())) {
      repositories.require(request.accountId(), name);
      throw notAssociated();
    }
    return repository;
  }

  private static AwsException notAssociated() {
    return AwsException.badRequest("RepositoryNotAssociatedWithPullRequestException",
        "The repository does not contain any pull requests with that pull request ID. Use GetPullRequest to verify the correct repository name for the pull request ID.");
  }

  private static String requiredCommit(Input input, String member) {
    String commit = input.string(member);
    if (commit == null || commit.isEmpty()) {
      throw AwsException.badRequest("CommitIdRequiredException", "A commit ID is required, but was not specified.");
    }
    return commit;
  }

  private static String content(Input input) {
    String content = input.string("content");
    if (content == null || content.isEmpty()) {
      throw AwsException.badRequest("CommentContentRequiredException", "The comment is empty. You must provide some content for a comment. The content cannot be null.");
    }
    if (content.length() > CONTENT_MAX) {
      throw AwsException.badRequest("CommentContentSizeLimitExceededException", "The comment is too large. Comments are limited to 10,240 characters.");
    }
    return content;
  }

  private static String token(Input input) {
    String token = input.string("clientRequestToken");
    if (input.has("clientRequestToken") && (token.isEmpty() || token.length() > CLIENT_TOKEN_MAX)) {
      throw AwsException.badRequest("InvalidClientRequestTokenException", "The client request token is not valid.");
    }
    return token;
  }
}
