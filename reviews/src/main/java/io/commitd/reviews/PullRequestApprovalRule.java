package io.commitd.reviews;

import java.time.Instant;

/**
 * An approval rule of one pull request (botocore's {@code ApprovalRule}), written for it or created
 * from a template when the pull request was opened.
 *
 * @param originTemplateId the template it came from, or null for a rule written for the pull request
 */
public record PullRequestApprovalRule(
    String ruleId,
    long pullRequestId,
    String name,
    String content,
    String contentSha256,
    String originTemplateId,
    String originTemplateName,
    Instant createdAt,
    Instant lastModifiedAt,
    String lastModifiedUser) {

  public boolean fromTemplate() {
    return originTemplateId != null;
  }
}
