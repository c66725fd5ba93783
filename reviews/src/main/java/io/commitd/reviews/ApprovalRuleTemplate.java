package io.commitd.reviews;

import java.time.Instant;

/**
 * An approval rule template of an account (botocore's {@code ApprovalRuleTemplate}): associated with
 * repositories, it gives every new pull request into a matching branch an approval rule of its own.
 *
 * @param content the JSON exactly as the caller sent it; {@code contentSha256} hashes that text
 */
public record ApprovalRuleTemplate(
    String templateId,
    String accountId,
    String name,
    String description,
    String content,
    String contentSha256,
    Instant createdAt,
    Instant lastModifiedAt,
    String lastModifiedUser) {}
