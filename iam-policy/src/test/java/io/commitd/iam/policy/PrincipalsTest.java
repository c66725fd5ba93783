package io.commitd.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalsTest {

  @Test
  void theAccountOfAnArnIsItsFifthField() {
    assertThat(Principals.accountOf("arn:aws:iam::111111111111:user/alice")).isEqualTo("111111111111");
    assertThat(Principals.accountOf("arn:aws:sts::222222222222:assumed-role/R/s")).isEqualTo("222222222222");
    assertThat(Principals.accountOf("arn:aws:iam::333333333333")).isEqualTo("333333333333");
    assertThat(Principals.accountOf("arn:aws:s3:::bucket")).isEmpty();
    assertThat(Principals.accountOf("arn:aws:iam:")).isEmpty();
    assertThat(Principals.accountOf("*")).isEmpty();
  }

  @Test
  void anAccountIdIsTwelveDigits() {
    assertThat(Principals.isAccountId("111111111111")).isTrue();
    assertThat(Principals.isAccountId("11111111111")).isFalse();
    assertThat(Principals.isAccountId("1111111111111")).isFalse();
    assertThat(Principals.isAccountId("11111111111a")).isFalse();
    assertThat(Principals.isAccountId("aws")).isFalse();
    assertThat(Principals.isAccountId("")).isFalse();
  }
}
