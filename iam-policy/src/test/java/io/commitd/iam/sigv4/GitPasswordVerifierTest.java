package io.commitd.iam.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.CredentialResolver;
import io.commitd.iam.auth.ResolvedCredentials;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The credential helper's password, checked against PROTOCOLS.md's captured vector. */
class GitPasswordVerifierTest {
  static final String SIGNATURE = "212d3ac7739c68a0dada8fc8cacf471a30a9da574359b545c80c8731088e2e59";
  static final Caller ROOT = Caller.root("111122223333", "AKIAEXAMPLE");
  static final CredentialResolver KEYS = id -> id.equals("AKIAEXAMPLE")
      ? Optional.of(new ResolvedCredentials("secret", null, null, ROOT)) : Optional.empty();

  static GitPasswordVerifier at(Instant now, CredentialResolver keys) {
    return new GitPasswordVerifier(keys, "us-east-1", Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void theCapturedHelperSignatureIsReproduced() {
    assertThat(GitPasswordVerifier.signature("secret", "20261124T000921", "us-east-1", "127.0.0.1", "/v1/repos/demo")).isEqualTo(SIGNATURE);
  }

  @Test
  void aFreshPasswordAuthenticatesItsKey() {
    GitPasswordVerifier verifier = at(Instant.parse("2026-11-24T00:10:00Z"), KEYS);
    assertThat(verifier.verify("AKIAEXAMPLE", "20261124T000921Z" + SIGNATURE, "127.0.0.1", "/v1/repos/demo")).contains(ROOT);
  }

  @Test
  void anotherRepositoryHostKeyOrAStalePasswordFails() {
    GitPasswordVerifier verifier = at(Instant.parse("2026-11-24T00:10:00Z"), KEYS);
    String password = "20261124T000921Z" + SIGNATURE;
    assertThat(verifier.verify("AKIAEXAMPLE", password, "127.0.0.1", "/v1/repos/other")).isEmpty();
    assertThat(verifier.verify("AKIAEXAMPLE", password, "localhost", "/v1/repos/demo")).isEmpty();
    assertThat(verifier.verify("AKIAOTHER", password, "127.0.0.1", "/v1/repos/demo")).isEmpty();
    assertThat(verifier.verify("AKIAEXAMPLE%token", password, "127.0.0.1", "/v1/repos/demo")).isEmpty();
    assertThat(at(Instant.parse("2026-11-24T00:30:00Z"), KEYS).verify("AKIAEXAMPLE", password, "127.0.0.1", "/v1/repos/demo")).isEmpty();
  }

  @Test
  void temporaryCredentialsNeedTheirSessionToken() {
    CredentialResolver session = id -> Optional.of(new ResolvedCredentials("secret", "tok", Instant.parse("2026-11-24T01:00:00Z"), ROOT));
    GitPasswordVerifier verifier = at(Instant.parse("2026-11-24T00:10:00Z"), session);
    String password = "20261124T000921Z" + SIGNATURE;
    assertThat(verifier.verify("AKIAEXAMPLE%tok", password, "127.0.0.1", "/v1/repos/demo")).contains(ROOT);
    assertThat(verifier.verify("AKIAEXAMPLE", password, "127.0.0.1", "/v1/repos/demo")).isEmpty();
    assertThat(verifier.verify("AKIAEXAMPLE%nope", password, "127.0.0.1", "/v1/repos/demo")).isEmpty();
  }
}
