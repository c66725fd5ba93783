package io.commitd.iam.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commitd.storage.errors.AwsException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void theDefaultAsksForEightCharacters() {
    assertThat(PasswordPolicy.DEFAULT.violations("12345678")).isEmpty();
    assertThat(PasswordPolicy.DEFAULT.violations("1234567")).containsExactly("at least 8 characters");
  }

  @Test
  void eachRequirementIsNamed() {
    PasswordPolicy strict = new PasswordPolicy(10, true, true, true, true, true, null, null, false);
    assertThat(strict.violations("abcdefghij")).containsExactly("a symbol", "a number", "an uppercase letter");
    assertThat(strict.violations("Abcdefgh1!")).isEmpty();
    assertThatThrownBy(() -> strict.check("short")).isInstanceOf(AwsException.class)
        .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("PasswordPolicyViolation"));
  }
}
