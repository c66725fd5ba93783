package io.commitd.approval.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Parsed approval rule content (content version {@value #VERSION}). {@link #text()} keeps the JSON
 * exactly as the caller sent it, because CodeCommit hands the content back verbatim and hashes that
 * text for {@code ruleContentSha256}.
 *
 * @param destinationReferences full ref names a template is limited to; empty means every branch
 */
public record ApprovalRuleContent(
    String text, String version, List<String> destinationReferences, List<ApprovalStatement> statements) {

  /** The only content version CodeCommit defines. */
  public static final String VERSION = "2018-11-08";

  /** CodeCommit's limit on the length of approval rule and template content. */
  public static final int MAX_LENGTH = 3000;

  /** Whether the content is a pull request's own rule or a template; they fail with different codes. */
  public enum Kind {
    RULE,
    TEMPLATE;

    ApprovalRuleException invalid(String message) {
      return switch (this) {
        case RULE -> new InvalidApprovalRuleContentException(message);
        case TEMPLATE -> new InvalidApprovalRuleTemplateContentException(message);
      };
    }

    ApprovalRuleException required() {
      return switch (this) {
        case RULE -> new ApprovalRuleContentRequiredException("approval rule content is required");
        case TEMPLATE -> new ApprovalRuleTemplateContentRequiredException(
            "approval rule template content is required");
      };
    }
  }

  public ApprovalRuleContent {
    destinationReferences = List.copyOf(destinationReferences);
    statements = List.copyOf(statements);
  }

  /** Parses the content of a pull request approval rule. */
  public static ApprovalRuleContent parse(String json) {
    return parse(json, Kind.RULE);
  }

  /**
   * Parses and validates content.
   *
   * @throws ApprovalRuleException with the CodeCommit code matching {@code kind}
   */
  public static ApprovalRuleContent parse(String json, Kind kind) {
    return new ApprovalRuleContentParser(kind).parse(json);
  }

  /** Lower-case hex SHA-256 of the UTF-8 content: CodeCommit's {@code ruleContentSha256}. */
  public String sha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
