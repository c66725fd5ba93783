package io.commitd.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parsing: the grammar IAM accepts, and clear refusals of what it does not. */
class PolicyDocumentTest {

  @Test
  void acceptsAStatementObjectOrArrayAndSingleOrListValues() {
    PolicyDocument single = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"One\",\"Effect\":\"Allow\",\"Action\":\"codecommit:Get*\",\"Resource\":\"*\"}}");
    PolicyDocument list = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"a:b\",\"c:d\"],\"Resource\":[\"x\",\"y\"]}]}");
    assertThat(single.statements()).hasSize(1);
    assertThat(single.statements().get(0).sid()).isEqualTo("One");
    assertThat(list.statements().get(0).actions()).containsExactly("a:b", "c:d");
    assertThat(list.statements().get(0).effect()).isEqualTo(StatementEffect.DENY);
  }

  @Test
  void aMissingVersionMeans2008() {
    assertThat(PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\"}}").version())
        .isEqualTo(PolicyDocument.VERSION_2008);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "[]",
      "{\"Version\":\"2012-10-17\"}",
      "{\"Version\":\"2020-01-01\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Action\":\"a:b\",\"Resource\":\"*\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"a:b\",\"Resource\":\"*\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"NotAction\":\"c:d\",\"Resource\":\"*\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"nocolon\",\"Resource\":\"*\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Principal\":\"*\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Colour\":\"red\"}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Condition\":{\"StringSortOf\":{\"k\":\"v\"}}}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"k\":\"true\"}}}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"not-an-ip\"}}}}",
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"k\":\"ten\"}}}}"})
  void refusesMalformedDocuments(String json) {
    assertThatThrownBy(() -> PolicyDocument.parse(json)).isInstanceOf(MalformedPolicyDocumentException.class).hasMessageNotContaining("null");
  }

  @Test
  void trustPoliciesNeedAPrincipalAndNoResource() {
    PolicyDocument trust = PolicyDocument.parseTrustPolicy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\","
        + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"partner-42\"}}}}");
    assertThat(trust.statements().get(0).principals().byType()).containsKey("AWS");
    assertThatThrownBy(() -> PolicyDocument.parseTrustPolicy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}"))
        .isInstanceOf(MalformedPolicyDocumentException.class);
  }
}
