package io.commitd.iam.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The AWS managed policies commitd offers: CodeCommit's three, under their AWS ARNs
 * ({@code arn:aws:iam::aws:policy/AWSCodeCommitReadOnly}), attachable to users, groups and roles
 * of every account and changeable by none. Their CodeCommit statements are AWS's published ones;
 * their statements about IAM self-service (a user's own SSH keys and Git credentials) are kept
 * because commitd serves them; statements for services commitd does not serve (CloudWatch Events,
 * SNS, Lambda, CodeStar Notifications, CodeGuru Reviewer) are left out — they would allow nothing
 * here.
 */
public final class AwsManagedPolicies {
  /** The pseudo account that owns AWS managed policies, as in their ARNs. */
  public static final String OWNER = "aws";
  static final Instant PUBLISHED = Instant.parse("2015-07-09T17:05:00Z");

  /** One AWS managed policy. */
  public record Definition(String name, String description, String document) {
    public String arn() {
      return "arn:aws:iam::aws:policy/" + name;
    }
  }

  private static final String SELF_READ = """
          {
            "Sid" : "IAMReadOnlyListAccess",
            "Effect" : "Allow",
            "Action" : [
              "iam:ListUsers"
            ],
            "Resource" : "*"
          },
          {
            "Sid" : "IAMReadOnlyConsoleAccess",
            "Effect" : "Allow",
            "Action" : [
              "iam:ListAccessKeys",
              "iam:ListSSHPublicKeys",
              "iam:ListServiceSpecificCredentials"
            ],
            "Resource" : "arn:aws:iam::*:user/${aws:username}"
          }""";

  private static final String SELF_MANAGE = """
          {
            "Sid" : "IAMUserSSHKeys",
            "Effect" : "Allow",
            "Action" : [
              "iam:DeleteSSHPublicKey",
              "iam:GetSSHPublicKey",
              "iam:ListSSHPublicKeys",
              "iam:UpdateSSHPublicKey",
              "iam:UploadSSHPublicKey"
            ],
            "Resource" : "arn:aws:iam::*:user/${aws:username}"
          },
          {
            "Sid" : "IAMSelfManageServiceSpecificCredentials",
            "Effect" : "Allow",
            "Action" : [
              "iam:CreateServiceSpecificCredential",
              "iam:UpdateServiceSpecificCredential",
              "iam:DeleteServiceSpecificCredential",
              "iam:ResetServiceSpecificCredential"
            ],
            "Resource" : "arn:aws:iam::*:user/${aws:username}"
          }""";

  public static final Definition FULL_ACCESS = new Definition("AWSCodeCommitFullAccess",
      "Provides full access to AWS CodeCommit via the AWS Management Console.", """
      {
        "Version" : "2012-10-17",
        "Statement" : [
          {
            "Effect" : "Allow",
            "Action" : [
              "codecommit:*"
            ],
            "Resource" : "*"
          },
      """ + SELF_READ + ",\n" + SELF_MANAGE + "\n  ]\n}\n");

  public static final Definition POWER_USER = new Definition("AWSCodeCommitPowerUser",
      "Provides full access to AWS CodeCommit repositories, but does not allow repository deletion.", """
      {
        "Version" : "2012-10-17",
        "Statement" : [
          {
            "Effect" : "Allow",
            "Action" : [
              "codecommit:AssociateApprovalRuleTemplateWithRepository",
              "codecommit:BatchAssociateApprovalRuleTemplateWithRepositories",
              "codecommit:BatchDisassociateApprovalRuleTemplateFromRepositories",
              "codecommit:BatchGet*",
              "codecommit:BatchDescribe*",
              "codecommit:Create*",
              "codecommit:DeleteBranch",
              "codecommit:DeleteFile",
              "codecommit:Describe*",
              "codecommit:DisassociateApprovalRuleTemplateFromRepository",
              "codecommit:EvaluatePullRequestApprovalRules",
              "codecommit:Get*",
              "codecommit:List*",
              "codecommit:Merge*",
              "codecommit:OverridePullRequestApprovalRules",
              "codecommit:Put*",
              "codecommit:Post*",
              "codecommit:TagResource",
              "codecommit:Test*",
              "codecommit:UntagResource",
              "codecommit:Update*",
              "codecommit:GitPull",
              "codecommit:GitPush"
            ],
            "Resource" : "*"
          },
      """ + SELF_READ + ",\n" + SELF_MANAGE + "\n  ]\n}\n");

  public static final Definition READ_ONLY = new Definition("AWSCodeCommitReadOnly",
      "Provides read only access to AWS CodeCommit via the AWS Management Console.", """
      {
        "Version" : "2012-10-17",
        "Statement" : [
          {
            "Effect" : "Allow",
            "Action" : [
              "codecommit:BatchGet*",
              "codecommit:BatchDescribe*",
              "codecommit:Describe*",
              "codecommit:EvaluatePullRequestApprovalRules",
              "codecommit:Get*",
              "codecommit:List*",
              "codecommit:GitPull"
            ],
            "Resource" : "*"
          },
      """ + SELF_READ + "\n  ]\n}\n");

  public static final List<Definition> ALL = List.of(FULL_ACCESS, POWER_USER, READ_ONLY);

  private AwsManagedPolicies() {}

  /** True when {@code arn} names an AWS managed policy (known or not). */
  public static boolean isAwsManaged(String arn) {
    return arn != null && arn.matches("arn:aws[\\w-]*:iam::aws:policy/.*");
  }

  public static Optional<Definition> find(String arn) {
    return ALL.stream().filter(d -> d.arn().equals(arn)).findFirst();
  }

  /** Makes every AWS managed policy exist, with its current document; idempotent. */
  public static void install(IdentityStore identities) {
    for (Definition definition : ALL) {
      identities.installAwsManagedPolicy(definition, PUBLISHED);
    }
  }
}
