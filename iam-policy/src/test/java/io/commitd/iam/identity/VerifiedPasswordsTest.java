package io.commitd.iam.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Remembered verifications never let a wrong password through. */
class VerifiedPasswordsTest {

  @Test
  void aRememberedHashStillRefusesOtherPasswords() {
    VerifiedPasswords verified = new VerifiedPasswords();
    String hash = PasswordHasher.hash("right");
    assertThat(verified.matches("right", hash)).isTrue();
    assertThat(verified.matches("right", hash)).isTrue();
    assertThat(verified.matches("wrong", hash)).isFalse();
    assertThat(verified.matches("right", PasswordHasher.hash("other"))).isFalse();
  }
}
