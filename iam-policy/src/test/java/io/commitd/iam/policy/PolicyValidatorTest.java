package io.commitd.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.policy.PolicyValidator.Finding;
import io.commitd.iam.policy.PolicyValidator.PathElement;
import io.commitd.iam.policy.PolicyValidator.PolicyType;
import io.commitd.iam.policy.PolicyValidator.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Access Analyzer's checks for commitd's services, with AWS's issue codes and locations. */
class PolicyValidatorTest {
  final PolicyValidator validator = PolicyValidator.standard();

  List<Finding> validate(String document) {
    return validator.validate(document, PolicyType.IDENTITY_POLICY);
  }

  @Test
  void aGoodPolicyHasNoFindings() {
    assertThat(validate("""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["codecommit:GitPull", "codecommit:Get*", "s3:Whatever"],
          "Resource": "*", "Condition": {"ForAllValues:StringLike": {"codecommit:References": "refs/heads/feature/*"},
          "Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:PrincipalTag/team": "a"}}}]}""")).isEmpty();
  }

  @Test
  void aSingleValuedOperatorOnReferencesIsAMissingQualifier() {
    String document = "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"codecommit:GitPush\", \"Resource\": \"*\",\n"
        + "  \"Condition\": {\"StringLike\": {\"codecommit:References\": \"refs/heads/main\"}}}]}";
    List<Finding> findings = validate(document);
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.findingType()).isEqualTo("ERROR");
      assertThat(f.issueCode()).isEqualTo("MISSING_QUALIFIER");
      assertThat(f.locations().get(0).path()).containsExactly(PathElement.value("Statement"), PathElement.index(0),
          PathElement.value("Condition"), PathElement.value("StringLike"), PathElement.key("codecommit:References"));
      int offset = document.indexOf("\"codecommit:References\"");
      assertThat(f.locations().get(0).start()).isEqualTo(new Position(3, offset - document.lastIndexOf('\n', offset) - 1, offset));
      assertThat(f.locations().get(0).end().offset()).isEqualTo(offset + "\"codecommit:References\"".length());
    });
  }

  @Test
  void unknownActionsKeysAndAMissingVersion() {
    List<Finding> findings = validate("""
        {"Statement": {"Effect": "Allow", "Action": ["codecommit:GetRepository", "codecommit:FlyToTheMoon", "iam:Nope*"], "Resource": "*",
          "Condition": {"StringEquals": {"codecommit:Branch": "main", "aws:SourceIpAddress": "1.2.3.4"}}}}""");
    assertThat(findings).extracting(Finding::issueCode).containsExactly(
        "MISSING_VERSION", "INVALID_ACTION", "INVALID_ACTION", "INVALID_SERVICE_CONDITION_KEY", "INVALID_GLOBAL_CONDITION_KEY");
    assertThat(findings.get(1).locations().get(0).path())
        .containsExactly(PathElement.value("Statement"), PathElement.value("Action"), PathElement.index(1));
    assertThat(findings.get(1).findingDetails()).contains("codecommit:FlyToTheMoon");
  }

  @Test
  void brokenJsonIsASyntaxError() {
    assertThat(validate("{\"Version\": ")).extracting(Finding::issueCode).containsExactly("JSON_SYNTAX_ERROR");
  }
}
