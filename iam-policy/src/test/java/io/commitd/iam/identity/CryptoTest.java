package io.commitd.iam.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The secrets of identities: TOTP codes, password hashes, sealed secrets. */
class CryptoTest {
  /** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in Base32. */
  static final String RFC_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void totpMatchesRfc6238Vectors() {
    // The RFC lists 8-digit codes; the 6-digit code is their last six digits.
    assertThat(Totp.code(RFC_SEED, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SEED, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    assertThat(Totp.code(RFC_SEED, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
    assertThat(Totp.code(RFC_SEED, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
  }

  @Test
  void totpAcceptsTheCurrentAndThePreviousStepOnly() {
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, now), now)).isTrue();
    assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, now.minusSeconds(30)), now)).isTrue();
    assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, now.minusSeconds(90)), now)).isFalse();
  }

  @Test
  void passwordHashesVerifyOnlyTheirPassword() {
    String stored = PasswordHasher.hash("correct horse");
    assertThat(stored).doesNotContain("correct horse");
    assertThat(PasswordHasher.matches("correct horse", stored)).isTrue();
    assertThat(PasswordHasher.matches("Correct horse", stored)).isFalse();
    assertThat(PasswordHasher.hash("correct horse")).isNotEqualTo(stored);
  }

  @Test
  void sealedSecretsOpenOnlyUnderTheirKey() {
    SecretBox box = new SecretBox(SecretBox.newMasterKey());
    String sealed = box.seal("wJalrXUtnFEMI/K7MDENG");
    assertThat(sealed).doesNotContain("wJalr");
    assertThat(box.open(sealed)).isEqualTo("wJalrXUtnFEMI/K7MDENG");
    assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
    assertThatThrownBy(() -> new SecretBox(SecretBox.newMasterKey()).open(sealed)).isInstanceOf(IllegalStateException.class);
  }
}
