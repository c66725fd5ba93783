package io.commitd.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestContextTest {

  @Test
  void keysCompareCaseInsensitivelyAndKeepTheirValues() {
    RequestContext context = RequestContext.of(Map.of("aws:SourceIp", List.of("10.0.0.1")));

    assertThat(context.get("AWS:SOURCEIP")).contains(List.of("10.0.0.1"));
    assertThat(context.has("aws:sourceip")).isTrue();
    assertThat(context.has("aws:UserAgent")).isFalse();
  }

  @Test
  void aLazyContextGathersItsKeysOnceAndOnlyWhenAsked() {
    AtomicInteger gathered = new AtomicInteger();
    RequestContext context = RequestContext.lazily(() -> {
      gathered.incrementAndGet();
      return Map.of("aws:username", List.of("alice"));
    });

    assertThat(gathered).hasValue(0);
    assertThat(context.get("aws:UserName")).contains(List.of("alice"));
    assertThat(context.has("aws:PrincipalTag/team")).isFalse();
    assertThat(gathered).hasValue(1);
  }

  @Test
  void aStatementWithoutConditionOrVariableNeverAsksForTheContext() {
    AtomicInteger gathered = new AtomicInteger();
    RequestContext context = RequestContext.lazily(() -> {
      gathered.incrementAndGet();
      return Map.of();
    });
    PolicySet policies = PolicySet.ofIdentity(PolicyDocument.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"codecommit:*\",\"Resource\":\"*\"}}"));

    Decision decision = new PolicyEvaluator().evaluate(policies, new AuthorizationRequest(
        "arn:aws:iam::111111111111:user/alice", "codecommit:GetRepository",
        "arn:aws:codecommit:us-east-1:111111111111:small", context));

    assertThat(decision.allowed()).isTrue();
    assertThat(gathered).hasValue(0);
  }
}
