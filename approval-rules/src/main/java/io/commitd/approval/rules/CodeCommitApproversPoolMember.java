package io.commitd.approval.rules;

import java.util.Optional;

/**
 * The {@code CodeCommitApprovers:ACCOUNT:NAME} shorthand. Following the CodeCommit API reference
 * (CreatePullRequestApprovalRule), NAME is compared with the IAM user name (path left out) and
 * with the federated user name in ACCOUNT. An assumed-role session is compared as {@code
 * ROLE/SESSION}, which is why the reference says a session named Mary_Major is only recognised
 * when the shorthand carries a wildcard, as in {@code *Mary_Major}.
 */
public final class CodeCommitApproversPoolMember implements ApprovalPoolMember {

  static final String PREFIX = "CodeCommitApprovers:";

  private final String text;
  private final String account;
  private final Glob name;

  private CodeCommitApproversPoolMember(String text, String account, Glob name) {
    this.text = text;
    this.account = account;
    this.name = name;
  }

  static CodeCommitApproversPoolMember parse(String text) {
    String[] parts = text.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "approval pool member " + text + " must have the form CodeCommitApprovers:ACCOUNT:NAME");
    }
    return new CodeCommitApproversPoolMember(text, parts[0], Glob.of(parts[1]));
  }

  @Override
  public String text() {
    return text;
  }

  /** The account whose principals the shorthand admits. */
  public String account() {
    return account;
  }

  /** The user or session name pattern, as written. */
  public String name() {
    return name.text();
  }

  @Override
  public boolean matches(String approverArn) {
    return PrincipalArn.parse(approverArn)
        .filter(principal -> principal.account().equals(account))
        .flatMap(CodeCommitApproversPoolMember::comparableName)
        .map(name::matches)
        .orElse(false);
  }

  private static Optional<String> comparableName(PrincipalArn principal) {
    return principal
        .iamUserName()
        .or(principal::federatedUserName)
        .or(principal::assumedRoleAndSession);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CodeCommitApproversPoolMember member && member.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
