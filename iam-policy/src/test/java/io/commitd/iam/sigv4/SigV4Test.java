package io.commitd.iam.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Texts hash as their UTF-8 bytes, whatever path the thread's buffer takes. */
class SigV4Test {
  @Test
  void aTextHashesAsItsUtf8Bytes() {
    String longText = "header:value\n".repeat(1000);
    for (String text : new String[] {"", "GET\n/\n\nhost:example.com\n", "x-amz-meta:é ☃ 😀\n", longText, "a"}) {
      assertThat(SigV4.sha256Hex(text)).as(text.length() > 40 ? text.substring(0, 40) : text)
          .isEqualTo(SigV4.sha256Hex(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void signaturesMatchOnlyWhenEveryCharacterDoes() {
    String signature = SigV4.sha256Hex("signature");
    assertThat(SigV4.signaturesMatch(signature, new String(signature.toCharArray()))).isTrue();
    assertThat(SigV4.signaturesMatch(signature, signature.substring(0, 63) + "x")).isFalse();
    assertThat(SigV4.signaturesMatch(signature, "x" + signature.substring(1))).isFalse();
    assertThat(SigV4.signaturesMatch(signature, signature.substring(1))).isFalse();
    assertThat(SigV4.signaturesMatch(signature, "")).isFalse();
  }

  @Test
  void theKnownDigestOfAnEmptyText() {
    assertThat(SigV4.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
