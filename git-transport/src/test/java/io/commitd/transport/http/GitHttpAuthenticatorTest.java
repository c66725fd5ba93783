package io.commitd.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.CredentialResolver;
import io.commitd.iam.auth.GitCredentialAuthenticator;
import io.commitd.iam.auth.PrincipalType;
import io.commitd.iam.auth.ResolvedCredentials;
import io.commitd.iam.sigv4.GitPasswordVerifier;
import io.commitd.transport.http.GitHttpAuthenticator.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Basic header of a git request over HTTPS: which of CodeCommit's two password kinds it carries, and whose it is. */
class GitHttpAuthenticatorTest {
  static final String HOST = "127.0.0.1";
  static final String REPOSITORY = "/v1/repos/demo";

  /** The credential helper's password for {@code /v1/repos/demo} on 127.0.0.1 with secret {@code secret} (PROTOCOLS.md). */
  static final String SIGNED_PASSWORD =
      "20261124T000921Z212d3ac7739c68a0dada8fc8cacf471a30a9da574359b545c80c8731088e2e59";
  static final Instant SIGNED_AT = Instant.parse("2026-11-24T00:10:00Z");

  static final Caller ROOT = Caller.root("111122223333", "AKIAEXAMPLE");
  static final Caller ALICE = new Caller("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAALICE", "alice",
      PrincipalType.USER, null, null, null);

  static final CredentialResolver KEYS = id -> id.equals("AKIAEXAMPLE")
      ? Optional.of(new ResolvedCredentials("secret", null, null, ROOT)) : Optional.empty();
  static final GitCredentialAuthenticator GIT_CREDENTIALS = (user, password) ->
      user.equals("alice-at-111122223333") && password.equals("correct horse") ? Optional.of(ALICE) : Optional.empty();

  final GitHttpAuthenticator authenticator = new GitHttpAuthenticator(
      new GitPasswordVerifier(KEYS, "us-east-1", Clock.fixed(SIGNED_AT, ZoneOffset.UTC)), GIT_CREDENTIALS);

  static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  Outcome authenticate(String authorization) {
    return authenticator.authenticate(authorization, HOST, REPOSITORY);
  }

  @Nested
  class WithoutBasicCredentials {
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer abc", "Digest username=\"alice\"", "Basic"})
    void theClientIsAskedForThem(String authorization) {
      assertThat(authenticate(authorization)).isEqualTo(new Outcome.Missing());
    }

    @Test
    void theSchemeIsMatchedWhateverItsCase() {
      assertThat(authenticate("basic " + basic("AKIAEXAMPLE:" + SIGNED_PASSWORD).substring(6)))
          .isEqualTo(new Outcome.Authenticated(ROOT));
    }
  }

  @Nested
  class MalformedBasicCredentialsAreRefused {
    @Test
    void whenTheyAreNotBase64() {
      assertThat(authenticate("Basic not*base64!")).isEqualTo(new Outcome.Refused());
    }

    @Test
    void whenTheyHaveNoColonBetweenUserAndPassword() {
      assertThat(authenticate(basic("alice-at-111122223333"))).isEqualTo(new Outcome.Refused());
    }
  }

  @Nested
  class ASignedPasswordFromTheCredentialHelper {
    @Test
    void authenticatesTheOwnerOfItsAccessKey() {
      assertThat(authenticate(basic("AKIAEXAMPLE:" + SIGNED_PASSWORD))).isEqualTo(new Outcome.Authenticated(ROOT));
    }

    @Test
    void holdsOnlyForTheRepositoryAndHostItWasSignedFor() {
      String header = basic("AKIAEXAMPLE:" + SIGNED_PASSWORD);
      assertThat(authenticator.authenticate(header, HOST, "/v1/repos/other")).isEqualTo(new Outcome.Refused());
      assertThat(authenticator.authenticate(header, "localhost", REPOSITORY)).isEqualTo(new Outcome.Refused());
    }

    @Test
    void isRefusedForAnUnknownKey() {
      assertThat(authenticate(basic("AKIAOTHER:" + SIGNED_PASSWORD))).isEqualTo(new Outcome.Refused());
    }

    @Test
    void isNeverTriedAsAGitCredential() {
      GitCredentialAuthenticator acceptsAnything = (user, password) -> Optional.of(ALICE);
      GitHttpAuthenticator lenient = new GitHttpAuthenticator(
          new GitPasswordVerifier(KEYS, "us-east-1", Clock.fixed(SIGNED_AT, ZoneOffset.UTC)), acceptsAnything);

      assertThat(lenient.authenticate(basic("AKIAOTHER:" + SIGNED_PASSWORD), HOST, REPOSITORY))
          .isEqualTo(new Outcome.Refused());
    }
  }

  @Nested
  class AGitCredential {
    @Test
    void authenticatesTheUserItBelongsTo() {
      assertThat(authenticate(basic("alice-at-111122223333:correct horse"))).isEqualTo(new Outcome.Authenticated(ALICE));
    }

    @Test
    void mayContainColonsInItsPassword() {
      GitCredentialAuthenticator colons = (user, password) ->
          password.equals("a:b:c") ? Optional.of(ALICE) : Optional.empty();
      GitHttpAuthenticator withColons = new GitHttpAuthenticator(
          new GitPasswordVerifier(KEYS, "us-east-1", Clock.fixed(SIGNED_AT, ZoneOffset.UTC)), colons);

      assertThat(withColons.authenticate(basic("alice-at-111122223333:a:b:c"), HOST, REPOSITORY))
          .isEqualTo(new Outcome.Authenticated(ALICE));
    }

    @Test
    void isRefusedWithTheWrongPassword() {
      assertThat(authenticate(basic("alice-at-111122223333:wrong"))).isEqualTo(new Outcome.Refused());
    }

    @Test
    void isRefusedWithAnEmptyPassword() {
      assertThat(authenticate(basic("alice-at-111122223333:"))).isEqualTo(new Outcome.Refused());
    }
  }
}
