package io.commitd.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every condition operator family, set qualifiers, IfExists and Null, one rule per test. */
class ConditionTest {

  /** True when {"operator": {"key": policyValues}} holds for the request context. */
  static boolean holds(String operator, String policyValues, Map<String, List<String>> context) {
    PolicyDocument document = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Action\":\"s:a\",\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"k\":" + policyValues + "}}}}");
    return new PolicyEvaluator().evaluate(PolicySet.ofIdentity(document),
        new AuthorizationRequest("arn:aws:iam::111122223333:user/u", "s:a", "r", RequestContext.of(context))).allowed();
  }

  static boolean holds(String operator, String policyValues, String requestValue) {
    return holds(operator, policyValues, Map.of("k", List.of(requestValue)));
  }

  @ParameterizedTest
  @CsvSource({
      "StringEquals, '\"a\"', a, true",
      "StringEquals, '\"a\"', A, false",
      "StringEquals, '[\"x\",\"a\"]', a, true",
      "StringNotEquals, '\"a\"', b, true",
      "StringNotEquals, '[\"a\",\"b\"]', b, false",
      "StringEqualsIgnoreCase, '\"ABC\"', abc, true",
      "StringNotEqualsIgnoreCase, '\"ABC\"', abc, false",
      "StringLike, '\"refs/heads/feature/*\"', refs/heads/feature/x/y, true",
      "StringLike, '\"v?\"', v1, true",
      "StringLike, '\"v?\"', v10, false",
      "StringNotLike, '\"refs/heads/main\"', refs/heads/dev, true",
      "NumericEquals, '\"10\"', 10.0, true",
      "NumericNotEquals, '\"10\"', 11, true",
      "NumericLessThan, '\"10\"', 9, true",
      "NumericLessThan, '\"10\"', 10, false",
      "NumericLessThanEquals, '\"10\"', 10, true",
      "NumericGreaterThan, '\"3600\"', 3601, true",
      "NumericGreaterThanEquals, '\"3600\"', 3599, false",
      "NumericEquals, '\"10\"', ten, false",
      "DateLessThan, '\"2026-12-01T00:00:00Z\"', 2026-11-24T10:00:00Z, true",
      "DateGreaterThan, '\"2026-12-01T00:00:00Z\"', 2026-11-24T10:00:00Z, false",
      "DateEquals, '\"2026-11-24T00:00:00Z\"', 1795478400, true",
      "DateNotEquals, '\"2026-11-24\"', 2026-11-24T00:00:01Z, true",
      "DateLessThanEquals, '\"2026-11-24T00:00:00+01:00\"', 2026-11-23T23:00:00Z, true",
      "DateGreaterThanEquals, '\"1795478400\"', 2026-11-24T00:00:00Z, true",
      "Bool, '\"true\"', true, true",
      "Bool, '\"true\"', false, false",
      "BinaryEquals, '\"QmluYXJ5\"', QmluYXJ5, true",
      "IpAddress, '\"10.0.0.0/8\"', 10.1.2.3, true",
      "IpAddress, '\"10.0.0.0/8\"', 11.1.2.3, false",
      "IpAddress, '\"203.0.113.7\"', 203.0.113.7, true",
      "IpAddress, '\"2001:db8::/32\"', 2001:db8:1::1, true",
      "IpAddress, '\"2001:db8::/32\"', 10.0.0.1, false",
      "NotIpAddress, '\"10.0.0.0/8\"', 192.168.1.1, true",
      "NotIpAddress, '\"10.0.0.0/8\"', 10.9.9.9, false",
      "ArnEquals, '\"arn:aws:iam::111122223333:user/alice\"', arn:aws:iam::111122223333:user/alice, true",
      "ArnLike, '\"arn:aws:iam::*:user/*\"', arn:aws:iam::111122223333:user/alice, true",
      "ArnLike, '\"arn:aws:iam::*:role/*\"', arn:aws:iam::111122223333:user/alice, false",
      "ArnNotEquals, '\"arn:aws:iam::111122223333:user/bob\"', arn:aws:iam::111122223333:user/alice, true",
      "ArnNotLike, '\"arn:aws:iam::*:user/*\"', arn:aws:iam::111122223333:user/alice, false"})
  void operators(String operator, String policyValues, String requestValue, boolean expected) {
    assertThat(holds(operator, policyValues, requestValue)).isEqualTo(expected);
  }

  @Test
  void aMissingKeyFailsPositiveOperatorsAndSatisfiesNegatedOnes() {
    assertThat(holds("StringEquals", "\"a\"", Map.of())).isFalse();
    assertThat(holds("StringNotEquals", "\"a\"", Map.of())).isTrue();
    assertThat(holds("NotIpAddress", "\"10.0.0.0/8\"", Map.of())).isTrue();
  }

  @Test
  void ifExistsHoldsForAMissingKeyAndTestsAPresentOne() {
    assertThat(holds("StringEqualsIfExists", "\"a\"", Map.of())).isTrue();
    assertThat(holds("StringEqualsIfExists", "\"a\"", "a")).isTrue();
    assertThat(holds("StringEqualsIfExists", "\"a\"", "b")).isFalse();
    assertThat(holds("BoolIfExists", "\"false\"", Map.of())).isTrue();
  }

  @Test
  void forAllValuesIsTrueForAnEmptyOrMissingKey() {
    assertThat(holds("ForAllValues:StringLike", "[\"refs/heads/feature/*\"]", Map.of())).isTrue();
    assertThat(holds("ForAllValues:StringLike", "[\"refs/heads/feature/*\"]", Map.of("k", List.of()))).isTrue();
  }

  @Test
  void forAllValuesNeedsEveryValueToMatch() {
    String branches = "[\"refs/heads/feature/*\",\"refs/heads/bugfix/*\"]";
    assertThat(holds("ForAllValues:StringLike", branches, Map.of("k", List.of("refs/heads/feature/a", "refs/heads/bugfix/b")))).isTrue();
    assertThat(holds("ForAllValues:StringLike", branches, Map.of("k", List.of("refs/heads/feature/a", "refs/heads/main")))).isFalse();
  }

  @Test
  void forAnyValueIsFalseForAMissingKeyAndNeedsOneMatch() {
    assertThat(holds("ForAnyValue:StringEquals", "[\"refs/heads/main\"]", Map.of())).isFalse();
    assertThat(holds("ForAnyValue:StringEquals", "[\"refs/heads/main\"]", Map.of("k", List.of("refs/heads/x", "refs/heads/main")))).isTrue();
    assertThat(holds("ForAnyValue:StringEquals", "[\"refs/heads/main\"]", Map.of("k", List.of("refs/heads/x")))).isFalse();
  }

  @Test
  void negatedOperatorsOnMultivaluedKeys() {
    Map<String, List<String>> refs = Map.of("k", List.of("refs/heads/dev", "refs/heads/main"));
    // Without a qualifier, a negated operator holds only when no value matches.
    assertThat(holds("StringNotEquals", "\"refs/heads/main\"", refs)).isFalse();
    assertThat(holds("StringNotEquals", "\"refs/heads/prod\"", refs)).isTrue();
    // ForAnyValue: some value differs; ForAllValues: every value differs.
    assertThat(holds("ForAnyValue:StringNotEquals", "\"refs/heads/main\"", refs)).isTrue();
    assertThat(holds("ForAllValues:StringNotEquals", "\"refs/heads/main\"", refs)).isFalse();
    assertThat(holds("ForAllValues:StringNotLike", "\"refs/heads/release/*\"", refs)).isTrue();
  }

  @Test
  void nullTestsPresence() {
    assertThat(holds("Null", "\"true\"", Map.of())).isTrue();
    assertThat(holds("Null", "\"true\"", "x")).isFalse();
    assertThat(holds("Null", "\"false\"", "x")).isTrue();
    assertThat(holds("Null", "\"false\"", Map.of())).isFalse();
  }

  @Test
  void keysAreCaseInsensitiveAndValuesAreNot() {
    assertThat(holds("StringEquals", "\"Alice\"", Map.of("K", List.of("Alice")))).isTrue();
    assertThat(holds("StringEquals", "\"Alice\"", Map.of("k", List.of("alice")))).isFalse();
  }

  @Test
  void severalKeysAndOperatorsMustAllHold() {
    PolicyDocument document = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s:a\","
        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"a\":\"1\",\"b\":\"2\"},\"Bool\":{\"c\":\"true\"}}}}");
    PolicyEvaluator evaluator = new PolicyEvaluator();
    Map<String, List<String>> all = Map.of("a", List.of("1"), "b", List.of("2"), "c", List.of("true"));
    Map<String, List<String>> notC = Map.of("a", List.of("1"), "b", List.of("2"), "c", List.of("false"));
    assertThat(evaluator.evaluate(PolicySet.ofIdentity(document), new AuthorizationRequest("p", "s:a", "r", RequestContext.of(all))).allowed()).isTrue();
    assertThat(evaluator.evaluate(PolicySet.ofIdentity(document), new AuthorizationRequest("p", "s:a", "r", RequestContext.of(notC))).allowed()).isFalse();
  }

  @Test
  void conditionValuesTakeVariables() {
    assertThat(holds("StringEquals", "\"${aws:username}\"", Map.of("k", List.of("alice"), "aws:username", List.of("alice")))).isTrue();
    assertThat(holds("StringEquals", "\"${aws:username}\"", Map.of("k", List.of("alice"), "aws:username", List.of("bob")))).isFalse();
  }
}
