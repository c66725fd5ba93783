package io.commitd.iam.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigV4 verification against AWS's published test suite ("get-vanilla" and friends). */
class SigV4VerifierTest {
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
  static final String EMPTY_SHA256 = SigV4.sha256Hex(new byte[0]);

  static SignedRequest getVanilla(String signature, String path, String query) {
    return new SignedRequest(
        "GET", path, query,
        Map.of(
            "Host", List.of("example.amazonaws.com"),
            "X-Amz-Date", List.of("20150830T123600Z"),
            "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + signature)),
        EMPTY_SHA256);
  }

  static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void theGetVanillaVectorVerifies() {
    SignedRequest request = getVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "/", "");
    SigV4Verifier verifier = verifierAt(SIGNED_AT);
    assertThatCode(() -> verifier.verify(request, verifier.authorization(request), SECRET)).doesNotThrowAnyException();
  }

  @Test
  void theGetVanillaQueryOrderVectorVerifies() {
    // get-vanilla-query-order-key-case: parameters are sorted by name, then value.
    SignedRequest request = getVanilla("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", "/", "Param2=value2&Param1=value1");
    SigV4Verifier verifier = verifierAt(SIGNED_AT);
    assertThatCode(() -> verifier.verify(request, verifier.authorization(request), SECRET)).doesNotThrowAnyException();
  }

  @Test
  void anotherSecretIsASignatureMismatch() {
    SignedRequest request = getVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "/", "");
    SigV4Verifier verifier = verifierAt(SIGNED_AT);
    assertThatThrownBy(() -> verifier.verify(request, verifier.authorization(request), "other"))
        .isInstanceOf(AuthenticationException.class)
        .extracting(e -> ((AuthenticationException) e).failure())
        .isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
  }

  @Test
  void aChangedPathIsASignatureMismatch() {
    SignedRequest request = getVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "/other", "");
    SigV4Verifier verifier = verifierAt(SIGNED_AT);
    assertThatThrownBy(() -> verifier.verify(request, verifier.authorization(request), SECRET))
        .extracting(e -> ((AuthenticationException) e).failure())
        .isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
  }

  @Test
  void sixteenMinutesOfSkewHasExpiredEitherWay() {
    SignedRequest request = getVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "/", "");
    for (Instant now : List.of(SIGNED_AT.plusSeconds(16 * 60), SIGNED_AT.minusSeconds(16 * 60))) {
      SigV4Verifier verifier = verifierAt(now);
      assertThatThrownBy(() -> verifier.verify(request, verifier.authorization(request), SECRET))
          .extracting(e -> ((AuthenticationException) e).failure())
          .isEqualTo(AuthFailure.REQUEST_EXPIRED);
    }
    SigV4Verifier fourteenLater = verifierAt(SIGNED_AT.plusSeconds(14 * 60));
    assertThatCode(() -> fourteenLater.verify(request, fourteenLater.authorization(request), SECRET)).doesNotThrowAnyException();
  }

  @Test
  void aMissingHeaderIsMissingAuthentication() {
    SignedRequest request = new SignedRequest("POST", "/", "", Map.of("Host", List.of("h")), EMPTY_SHA256);
    assertThatThrownBy(() -> verifierAt(SIGNED_AT).authorization(request))
        .extracting(e -> ((AuthenticationException) e).failure())
        .isEqualTo(AuthFailure.MISSING_AUTHENTICATION);
  }

  @Test
  void anAmzDateIsReadInIsoBasicFormat() {
    assertThat(SigV4Verifier.parseTimestamp("20150830T123600Z")).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
  }

  @Test
  void aMalformedOrImpossibleAmzDateIsAnIncompleteSignature() {
    for (String date : List.of("2015-08-30T12:36:00Z", "20150830T123600", "20150830 123600Z", "2015083OT123600Z",
        "20151330T123600Z", "20150230T123600Z", "20150830T246000Z", "")) {
      assertThatThrownBy(() -> SigV4Verifier.parseTimestamp(date))
          .as(date)
          .extracting(e -> ((AuthenticationException) e).failure())
          .isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE);
    }
  }

  @Test
  void garbledHeadersAreIncompleteSignatures() {
    for (String header : List.of(
        "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service, SignedHeaders=host, Signature=" + "a".repeat(64),
        "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, Signature=" + "a".repeat(64),
        "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=xyz",
        "AWS AKID:signature")) {
      assertThatThrownBy(() -> AuthorizationHeader.parse(header))
          .as(header)
          .extracting(e -> ((AuthenticationException) e).failure())
          .isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE);
    }
  }

  @Test
  void canonicalQueryEncodesPerRfc3986() {
    assertThat(SigV4Verifier.canonicalQuery("b=2&a=x%20y&a=1&c")).isEqualTo("a=1&a=x%20y&b=2&c=");
    assertThat(SigV4Verifier.uriEncode("a b~c*")).isEqualTo("a%20b~c%2A");
    assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
    assertThat(SigV4Verifier.canonicalUri("/")).isEqualTo("/");
    assertThat(SigV4Verifier.canonicalUri("/v1/repos/demo")).isEqualTo("/v1/repos/demo");
  }

  @Test
  void canonicalHeadersTrimValuesCollapseInnerBlanksAndJoinRepeatsWithCommas() {
    // get-header-value-trim and get-header-key-duplicate of the SigV4 test suite.
    SignedRequest request = new SignedRequest("GET", "/", "", Map.of(
        "My-Header1", List.of(" value1"),
        "My-Header2", List.of(" \"a   b   c\"\t"),
        "My-Header3", List.of("one two", "x\t\ty"),
        "X-Amz-Date", List.of("20150830T123600Z")), EMPTY_SHA256);

    assertThat(SigV4Verifier.canonicalRequest(request, List.of("my-header1", "my-header2", "my-header3", "x-amz-date")))
        .isEqualTo("GET\n/\n\nmy-header1:value1\nmy-header2:\"a b c\"\nmy-header3:one two,x y\nx-amz-date:20150830T123600Z\n\n"
            + "my-header1;my-header2;my-header3;x-amz-date\n" + EMPTY_SHA256);
  }
}
