package io.commitd.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pull requests: a comparison and the creation from it, the list by status, and the detail page
 * with activity, changed files and their line comments, approval rules and their evaluation,
 * approval, merge (fast-forward, squash, three-way, with the conflict view) and close/reopen.
 */
final class PullRequestPages {
  private static final List<String> REACTIONS = List.of(":thumbsup:", ":thumbsdown:", ":hooray:", ":heart:", ":rocket:", ":eyes:");
  private static final Map<String, String> STRATEGIES = new LinkedHashMap<>();

  static {
    STRATEGIES.put("three-way", "MergePullRequestByThreeWay");
    STRATEGIES.put("squash", "MergePullRequestBySquash");
    STRATEGIES.put("fast-forward", "MergePullRequestByFastForward");
  }

  private static String base(String repository) {
    return "/console/repositories/" + Html.url(repository);
  }

  void compare(Exchange x, String repository) throws IOException, ConsoleApiException {
    String destination = x.param("destination", "");
    String source = x.param("source", "");
    if (destination.isEmpty() || source.isEmpty()) {
      x.redirect(base(repository) + "/branches");
      return;
    }
    String destinationCommit = CodePages.commitIdOf(x, repository, destination);
    String sourceCommit = CodePages.commitIdOf(x, repository, source);
    Html body = new Html();
    RepositoryPages.header(body, repository, "pull-requests");
    body.raw("<h2>Compare <span class=\"mono\">").text(destination).raw("</span> ← <span class=\"mono\">").text(source).raw("</span></h2>");
    JsonNode options = x.call("GetMergeConflicts", Exchange.input().put("repositoryName", repository)
        .put("destinationCommitSpecifier", destinationCommit).put("sourceCommitSpecifier", sourceCommit).put("mergeOption", "THREE_WAY_MERGE"));
    body.raw("<p id=\"mergeable\">").text(options.path("mergeable").asBoolean() ? "These branches can be merged automatically."
        : "These branches have conflicts; they can still be reviewed in a pull request.").raw("</p>");
    body.raw("<h3>Create pull request</h3>").raw(x.formStart(base(repository) + "/pull-requests")).hidden("destination", destination)
        .hidden("source", source)
        .raw("<label>Title <input name=\"title\" id=\"pr-title\" required maxlength=\"150\"></label>")
        .raw("<label>Description <textarea name=\"description\" id=\"pr-description\" rows=\"4\"></textarea></label>")
        .raw("<button id=\"create-pull-request\">Create pull request</button></form>");
    String mergeBase = options.path("baseCommitId").asText(destinationCommit);
    List<JsonNode> differences = CodePages.differences(x, repository, mergeBase, sourceCommit);
    body.raw("<h3>").text(differences.size() + " changed file" + (differences.size() == 1 ? "" : "s")).raw("</h3>");
    int rest = DiffView.render(x, body, repository, differences, x.intParam("from", 0), DiffView.Lines.NONE);
    if (rest >= 0) {
      body.raw("<p class=\"pager\">").link(base(repository) + "/compare?destination=" + Html.url(destination) + "&source=" + Html.url(source)
          + "&from=" + rest, "Load more changes").raw("</p>");
    }
    x.page("Compare", body);
  }

  void create(Exchange x, String repository) throws IOException, ConsoleApiException {
    ObjectNode input = Exchange.input().put("title", x.param("title", "")).put("clientRequestToken", UUID.randomUUID().toString());
    String description = x.param("description", "");
    if (!description.isEmpty()) {
      input.put("description", description);
    }
    input.putArray("targets").addObject().put("repositoryName", repository).put("sourceReference", x.param("source", ""))
        .put("destinationReference", x.param("destination", ""));
    JsonNode out = x.call("CreatePullRequest", input);
    x.redirect(base(repository) + "/pull-requests/" + out.path("pullRequest").path("pullRequestId").asText());
  }

  void list(Exchange x, String repository) throws IOException, ConsoleApiException {
    String status = "CLOSED".equals(x.param("status")) ? "CLOSED" : "OPEN";
    ObjectNode input = Exchange.input().put("repositoryName", repository).put("pullRequestStatus", status).put("maxResults", 25);
    if (x.param("next") != null) {
      input.put("nextToken", x.param("next"));
    }
    JsonNode out = x.call("ListPullRequests", input);
    Html body = new Html();
    RepositoryPages.header(body, repository, "pull-requests");
    body.raw("<nav class=\"subtabs\">").link(base(repository) + "/pull-requests?status=OPEN", "Open").raw(" · ")
        .link(base(repository) + "/pull-requests?status=CLOSED", "Closed").raw(" · ")
        .link(base(repository) + "/branches", "New from a comparison").raw("</nav>");
    body.raw("<table class=\"list\" id=\"pull-requests\"><tbody>");
    for (JsonNode id : out.path("pullRequestIds")) {
      JsonNode pr = x.call("GetPullRequest", Exchange.input().put("pullRequestId", id.asText())).path("pullRequest");
      JsonNode target = pr.path("pullRequestTargets").path(0);
      body.raw("<tr><td class=\"mono\">#").text(id.asText()).raw("</td><td>").link(base(repository) + "/pull-requests/" + Html.url(id.asText()),
          pr.path("title").asText()).raw("</td><td class=\"mono\">").text(target.path("sourceReference").asText().replace("refs/heads/", ""))
          .raw(" → ").text(target.path("destinationReference").asText().replace("refs/heads/", "")).raw("</td><td>")
          .text(target.path("mergeMetadata").path("isMerged").asBoolean() ? "Merged" : pr.path("pullRequestStatus").asText()).raw("</td></tr>");
    }
    body.raw("</tbody></table>");
    if (out.hasNonNull("nextToken")) {
      body.raw("<p class=\"pager\">").link(base(repository) + "/pull-requests?status=" + status + "&next=" + Html.url(out.path("nextToken").asText()),
          "More").raw("</p>");
    }
    x.page("Pull requests of " + repository, body);
  }

  /** A comment thread's key: the file, the version and the line it is on ("" for the pull request itself). */
  private static String key(String path, String version, int line) {
    return path + "\u0000" + version + "\u0000" + line;
  }

  void detail(Exchange x, String repository, String id) throws IOException, ConsoleApiException {
    JsonNode pr = x.call("GetPullRequest", Exchange.input().put("pullRequestId", id)).path("pullRequest");
    JsonNode target = pr.path("pullRequestTargets").path(0);
    if (!target.path("repositoryName").asText().equals(repository)) {
      throw new ConsoleServlet.NotFound("Pull request " + id + " is not in " + repository + ".");
    }
    String repositoryArn = x.call("GetRepository", Exchange.input().put("repositoryName", repository)).path("repositoryMetadata").path("Arn").asText();
    String revision = pr.path("revisionId").asText();
    boolean merged = target.path("mergeMetadata").path("isMerged").asBoolean();
    boolean open = pr.path("pullRequestStatus").asText().equals("OPEN");
    String self = base(repository) + "/pull-requests/" + Html.url(id);
    String sourceCommit = target.path("sourceCommit").asText();
    String destinationCommit = target.path("destinationCommit").asText();

    Html body = new Html();
    RepositoryPages.header(body, repository, "pull-requests");
    body.raw("<h2 id=\"pr-title\">").text(pr.path("title").asText()).raw(" <span class=\"mono muted\">#").text(id).raw("</span></h2>");
    body.raw("<p><span class=\"status status-").text(merged ? "MERGED" : pr.path("pullRequestStatus").asText()).raw("\" id=\"pr-status\">")
        .text(merged ? "Merged" : open ? "Open" : "Closed").raw("</span> ").text(shortRef(target.path("sourceReference").asText()))
        .raw(" → ").text(shortRef(target.path("destinationReference").asText())).raw(" · by ").text(pr.path("authorArn").asText()).raw("</p>");
    body.raw("<div class=\"description\" id=\"pr-description\">").text(pr.path("description").asText("")).raw("</div>");

    // Approval rules and their evaluation.
    JsonNode evaluation = x.call("EvaluatePullRequestApprovalRules", Exchange.input().put("pullRequestId", id).put("revisionId", revision))
        .path("evaluation");
    JsonNode approvals = x.call("GetPullRequestApprovalStates", Exchange.input().put("pullRequestId", id).put("revisionId", revision))
        .path("approvals");
    body.raw("<section class=\"card\" id=\"approvals\"><h3>Approvals</h3><ul>");
    boolean approvedByMe = false;
    for (JsonNode approval : approvals) {
      if (approval.path("approvalState").asText().equals("APPROVE")) {
        body.raw("<li class=\"approval\">").text(approval.path("userArn").asText()).raw(" approved</li>");
        approvedByMe |= approval.path("userArn").asText().equals(x.caller().principalArn());
      }
    }
    body.raw("</ul>");
    List<String> satisfied = new ArrayList<>();
    evaluation.path("approvalRulesSatisfied").forEach(r -> satisfied.add(r.asText()));
    for (JsonNode rule : pr.path("approvalRules")) {
      String name = rule.path("approvalRuleName").asText();
      boolean ok = satisfied.contains(name);
      body.raw("<div class=\"rule\"><strong>").text(name).raw("</strong> <span class=\"").raw(ok ? "ok" : "pending").raw("\">")
          .text(ok ? "satisfied" : "not satisfied").raw("</span>");
      if (rule.hasNonNull("originApprovalRuleTemplate")) {
        body.raw(" <span class=\"muted\">from template ").text(rule.path("originApprovalRuleTemplate").path("approvalRuleTemplateName").asText())
            .raw("</span>");
      }
      body.raw("<pre class=\"rule-content\">").text(rule.path("approvalRuleContent").asText()).raw("</pre></div>");
    }
    body.raw("<p id=\"evaluation\">").text(evaluation.path("overridden").asBoolean() ? "Approval rules overridden."
        : evaluation.path("approved").asBoolean() ? "All approval rules are satisfied." : "Approval rules are not satisfied yet.").raw("</p>");
    if (open && x.may("codecommit:UpdatePullRequestApprovalState", repositoryArn)) {
      body.raw(x.formStart(self)).hidden("action", approvedByMe ? "revoke" : "approve").hidden("revisionId", revision)
          .raw(approvedByMe ? "<button id=\"revoke\">Revoke approval</button>" : "<button id=\"approve\">Approve</button>").raw("</form>");
    }
    if (open && x.may("codecommit:CreatePullRequestApprovalRule", repositoryArn)) {
      body.raw("<details><summary>Add an approval rule</summary>").raw(x.formStart(self)).hidden("action", "rule")
          .raw("<label>Name <input name=\"ruleName\" required></label><label>Content <textarea name=\"ruleContent\" rows=\"4\">")
          .text("{\"Version\": \"2018-11-08\", \"Statements\": [{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1}]}")
          .raw("</textarea></label><button>Add rule</button></form></details>");
    }
    body.raw("</section>");

    // Merge.
    if (open && !merged) {
      mergeSection(x, body, repository, repositoryArn, self, target, sourceCommit);
    }
    if (!merged && x.may("codecommit:UpdatePullRequestStatus", repositoryArn)) {
      body.raw(x.formStart(self)).hidden("action", open ? "close" : "reopen")
          .raw(open ? "<button id=\"close\">Close pull request</button>" : "<button id=\"reopen\">Reopen pull request</button>").raw("</form>");
    }

    // Comments, by where they are.
    Map<String, List<JsonNode>> threads = comments(x, repository, id);
    body.raw("<section id=\"activity\"><h3>Activity</h3>");
    JsonNode events = x.call("DescribePullRequestEvents", Exchange.input().put("pullRequestId", id).put("maxResults", 100)).path("pullRequestEvents");
    body.raw("<ul class=\"events\">");
    for (JsonNode event : events) {
      body.raw("<li>").text(eventDate(event.path("eventDate")) + " · " + event.path("pullRequestEventType").asText() + " · "
          + event.path("actorArn").asText()).raw("</li>");
    }
    body.raw("</ul>");
    thread(x, body, self, threads.getOrDefault(key("", "", 0), List.of()));
    body.raw(x.formStart(self)).hidden("action", "comment").raw("<label>Comment <textarea name=\"content\" id=\"pr-comment\" rows=\"3\" required>")
        .raw("</textarea></label><button id=\"post-comment\">Comment</button></form></section>");

    // Changed files with their line comments.
    String mergeBase = target.path("mergeBase").asText(destinationCommit);
    List<JsonNode> differences = CodePages.differences(x, repository, mergeBase, sourceCommit);
    body.raw("<h3 id=\"changes\">").text(differences.size() + " changed file" + (differences.size() == 1 ? "" : "s")).raw("</h3>");
    String commentAt = x.param("comment");
    DiffView.Lines lines = new DiffView.Lines() {
      @Override
      public String lineLink(String path, String version, int line) {
        return self + "?comment=" + Html.url(version + ":" + line + ":" + path) + "#comment-form";
      }

      @Override
      public void afterLine(Html out, String path, String version, int line) {
        List<JsonNode> thread = threads.get(key(path, version, line));
        if (thread != null) {
          thread(x, out, self, thread);
        }
        if ((version + ":" + line + ":" + path).equals(commentAt)) {
          out.raw("<div id=\"comment-form\">").raw(x.formStart(self)).hidden("action", "comment").hidden("path", path).hidden("version", version)
              .hidden("line", String.valueOf(line)).raw("<textarea name=\"content\" id=\"line-comment\" rows=\"3\" required></textarea>")
              .raw("<button id=\"post-line-comment\">Comment on line ").text(line).raw("</button></form></div>");
        }
      }
    };
    int rest = DiffView.render(x, body, repository, differences, x.intParam("from", 0), lines);
    if (rest >= 0) {
      body.raw("<p class=\"pager\">").link(self + "?from=" + rest + "#changes", "Load more changes").raw("</p>");
    }
    x.page(pr.path("title").asText(), body);
  }

  private static String shortRef(String ref) {
    return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
  }

  private static String eventDate(JsonNode date) {
    if (date.isNumber()) {
      return Instant.ofEpochMilli((long) (date.asDouble() * 1000)).toString();
    }
    return date.asText();
  }

  private void mergeSection(Exchange x, Html body, String repository, String repositoryArn, String self, JsonNode target, String sourceCommit)
      throws ConsoleApiException {
    List<String> allowed = new ArrayList<>();
    STRATEGIES.forEach((name, action) -> {
      if (x.may("codecommit:" + action, repositoryArn)) {
        allowed.add(name);
      }
    });
    if (allowed.isEmpty()) {
      return;
    }
    body.raw("<section class=\"card\" id=\"merge\"><h3>Merge</h3>");
    JsonNode conflicts = x.call("GetMergeConflicts", Exchange.input().put("repositoryName", repository)
        .put("destinationCommitSpecifier", shortRef(target.path("destinationReference").asText())).put("sourceCommitSpecifier", sourceCommit)
        .put("mergeOption", "THREE_WAY_MERGE"));
    if (!conflicts.path("mergeable").asBoolean()) {
      body.raw("<div class=\"conflicts\" id=\"conflicts\"><p class=\"error\">These changes conflict with the destination; resolve them"
          + " in a local clone and push, then merge.</p><ul>");
      for (JsonNode conflict : conflicts.path("conflictMetadataList")) {
        body.raw("<li class=\"mono\">").text(conflict.path("filePath").asText()).raw("</li>");
      }
      body.raw("</ul></div>");
    }
    body.raw(x.formStart(self)).hidden("action", "merge").hidden("sourceCommitId", sourceCommit)
        .raw("<label>Strategy <select name=\"strategy\" id=\"merge-strategy\">");
    for (String name : allowed) {
      body.raw("<option value=\"").raw(name).raw("\">").text(name).raw("</option>");
    }
    body.raw("</select></label><label>Commit message (squash, three-way) <input name=\"commitMessage\" id=\"merge-message\"></label>")
        .raw("<button id=\"merge-button\">Merge</button></form></section>");
  }

  /** Comments of the pull request, grouped by location; replies follow their comment. */
  private static Map<String, List<JsonNode>> comments(Exchange x, String repository, String id) throws ConsoleApiException {
    Map<String, List<JsonNode>> threads = new LinkedHashMap<>();
    String token = null;
    do {
      // All revisions' comments: naming the repository would require naming the commits too.
      ObjectNode input = Exchange.input().put("pullRequestId", id).put("maxResults", 100);
      if (token != null) {
        input.put("nextToken", token);
      }
      JsonNode out = x.call("GetCommentsForPullRequest", input);
      for (JsonNode data : out.path("commentsForPullRequestData")) {
        JsonNode location = data.path("location");
        String key = location.isMissingNode() || location.isNull() ? key("", "", 0)
            : key(location.path("filePath").asText(), location.path("relativeFileVersion").asText(), location.path("filePosition").asInt());
        data.path("comments").forEach(c -> threads.computeIfAbsent(key, k -> new ArrayList<>()).add(c));
      }
      token = out.hasNonNull("nextToken") ? out.path("nextToken").asText() : null;
    } while (token != null);
    return threads;
  }

  private static void thread(Exchange x, Html out, String self, List<JsonNode> comments) {
    for (JsonNode comment : comments) {
      String commentId = comment.path("commentId").asText();
      out.raw("<div class=\"comment").raw(comment.hasNonNull("inReplyTo") ? " reply" : "").raw("\" id=\"comment-").text(commentId).raw("\">")
          .raw("<div class=\"meta\">").text(comment.path("authorArn").asText()).raw("</div><div class=\"content\">")
          .text(comment.path("deleted").asBoolean() ? "(deleted)" : comment.path("content").asText()).raw("</div><div class=\"reactions\">");
      JsonNode counts = comment.path("reactionCounts");
      for (String reaction : REACTIONS) {
        int count = counts.path(reaction).asInt(0);
        out.raw(x.formStart(self)).hidden("action", "react").hidden("commentId", commentId).hidden("reaction", reaction)
            .raw("<button class=\"reaction\" title=\"").text(reaction).raw("\">").text(emoji(reaction) + (count > 0 ? " " + count : ""))
            .raw("</button></form>");
      }
      out.raw("</div><details><summary>Reply</summary>").raw(x.formStart(self)).hidden("action", "reply").hidden("commentId", commentId)
          .raw("<textarea name=\"content\" rows=\"2\" required></textarea><button>Reply</button></form></details></div>");
    }
  }

  private static String emoji(String shortCode) {
    return switch (shortCode) {
      case ":thumbsup:" -> "👍";
      case ":thumbsdown:" -> "👎";
      case ":hooray:" -> "🎉";
      case ":heart:" -> "❤️";
      case ":rocket:" -> "🚀";
      default -> "👀";
    };
  }

  /** Every change a pull request page asks for, as the API call that makes it. */
  void act(Exchange x, String repository, String id) throws IOException, ConsoleApiException {
    String self = base(repository) + "/pull-requests/" + Html.url(id);
    String anchor = "";
    switch (x.param("action", "")) {
      case "approve", "revoke" -> x.call("UpdatePullRequestApprovalState", Exchange.input().put("pullRequestId", id)
          .put("revisionId", x.param("revisionId", "")).put("approvalState", x.param("action").equals("approve") ? "APPROVE" : "REVOKE"));
      case "close", "reopen" -> x.call("UpdatePullRequestStatus", Exchange.input().put("pullRequestId", id)
          .put("pullRequestStatus", x.param("action").equals("close") ? "CLOSED" : "OPEN"));
      case "rule" -> x.call("CreatePullRequestApprovalRule", Exchange.input().put("pullRequestId", id)
          .put("approvalRuleName", x.param("ruleName", "")).put("approvalRuleContent", x.param("ruleContent", "")));
      case "merge" -> {
        String action = STRATEGIES.get(x.param("strategy", "three-way"));
        if (action == null) {
          throw new ConsoleServlet.NotFound("Unknown merge strategy.");
        }
        ObjectNode input = Exchange.input().put("pullRequestId", id).put("repositoryName", repository)
            .put("sourceCommitId", x.param("sourceCommitId", ""));
        String message = x.param("commitMessage", "");
        if (!message.isEmpty() && !action.endsWith("FastForward")) {
          input.put("commitMessage", message);
        }
        x.call(action, input);
      }
      case "comment" -> {
        JsonNode target = x.call("GetPullRequest", Exchange.input().put("pullRequestId", id)).path("pullRequest").path("pullRequestTargets").path(0);
        ObjectNode input = Exchange.input().put("pullRequestId", id).put("repositoryName", repository)
            .put("beforeCommitId", target.path("destinationCommit").asText()).put("afterCommitId", target.path("sourceCommit").asText())
            .put("content", x.param("content", "")).put("clientRequestToken", UUID.randomUUID().toString());
        if (x.param("path") != null) {
          input.putObject("location").put("filePath", x.param("path")).put("filePosition", Long.parseLong(x.param("line", "1")))
              .put("relativeFileVersion", "BEFORE".equals(x.param("version")) ? "BEFORE" : "AFTER");
        }
        JsonNode out = x.call("PostCommentForPullRequest", input);
        anchor = "#comment-" + out.path("comment").path("commentId").asText();
      }
      case "reply" -> {
        JsonNode out = x.call("PostCommentReply", Exchange.input().put("inReplyTo", x.param("commentId", ""))
            .put("content", x.param("content", "")).put("clientRequestToken", UUID.randomUUID().toString()));
        anchor = "#comment-" + out.path("comment").path("commentId").asText();
      }
      case "react" -> {
        x.call("PutCommentReaction", Exchange.input().put("commentId", x.param("commentId", "")).put("reactionValue", x.param("reaction", "")));
        anchor = "#comment-" + x.param("commentId", "");
      }
      default -> throw new ConsoleServlet.NotFound("Unknown pull request action.");
    }
    x.redirect(self + anchor);
  }
}
