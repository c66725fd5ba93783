package io.commitd.iam.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {
  static final String SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  static final String CREDENTIAL = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

  @Test
  void theHeaderTheSdksSendParsesIntoItsThreeParameters() {
    AuthorizationHeader header = AuthorizationHeader.parse(
        "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=Host;X-Amz-Date, Signature=" + SIGNATURE);

    assertThat(header.credential()).isEqualTo(new Credential("AKIDEXAMPLE", "20150830", "us-east-1", "service"));
    assertThat(header.signedHeaders()).containsExactly("host", "x-amz-date");
    assertThat(header.signature()).isEqualTo(SIGNATURE);
  }

  @Test
  void parametersMayComeInAnyOrderWithOrWithoutBlanksAndTrailingSeparators() {
    AuthorizationHeader header = AuthorizationHeader.parse(
        "AWS4-HMAC-SHA256 Signature=" + SIGNATURE + ",SignedHeaders=host;x-amz-date;,\t" + CREDENTIAL + "/ ,,");

    assertThat(header.credential().service()).isEqualTo("service");
    assertThat(header.signedHeaders()).containsExactly("host", "x-amz-date");
  }

  @Test
  void aMissingParameterIsAnIncompleteSignature() {
    assertIncomplete("AWS4-HMAC-SHA256 " + CREDENTIAL + ", Signature=" + SIGNATURE, "'SignedHeaders'");
    assertIncomplete("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders, Signature=" + SIGNATURE, "'SignedHeaders'");
    assertIncomplete("AWS4-HMAC-SHA256 " + CREDENTIAL + ",, SignedHeaders=host, Signature=" + SIGNATURE, "'Credential'");
    assertIncomplete("AWS4-HMAC-SHA256 ", "'Credential'");
    assertIncomplete("AWS4-HMAC-SHA1 " + CREDENTIAL, "requires the algorithm AWS4-HMAC-SHA256");
  }

  @Test
  void theScopeMustHaveFiveFieldsEndingInAws4Request() {
    for (String scope : List.of("AKID/20150830/us-east-1/service", "AKID/20150830/us-east-1/service/aws4_request/x",
        "/20150830/us-east-1/service/aws4_request", "AKID/20150830/us-east-1/service/aws4")) {
      assertIncomplete("AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host, Signature=" + SIGNATURE,
          "Credential should be scoped to a valid region and service: " + scope);
    }
  }

  @Test
  void theSignatureMustBe64LowerCaseHexDigits() {
    for (String signature : List.of(SIGNATURE.toUpperCase(), SIGNATURE.substring(1), SIGNATURE + "0", "")) {
      assertIncomplete("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, Signature=" + signature,
          "Signature must be 64 lower-case hexadecimal characters.");
    }
  }

  private static void assertIncomplete(String header, String message) {
    assertThatThrownBy(() -> AuthorizationHeader.parse(header))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE))
        .hasMessageContaining(message);
  }
}
