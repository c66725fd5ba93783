package io.commitd.storage.dfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;

class SseKmsTest {
  private static final S3Exception NOT_IMPLEMENTED =
      (S3Exception) S3Exception.builder().statusCode(501).message("Not Implemented").build();

  @Test
  void aStoreThatRefusesEncryptionGetsPlainUploadsFromThenOn() {
    SseKms sse = new SseKms("arn:aws:kms:us-east-1:111122223333:key/k", new AtomicBoolean());
    assertThat(sse.keyId()).isNotNull();

    assertThat(sse.refused(NOT_IMPLEMENTED)).isTrue();

    assertThat(sse.keyId()).isNull();
  }

  @Test
  void anUploadRefusedAfterAnotherFoundEncryptionUnsupportedStillFallsBack() {
    // A pack and its index upload at the same time; both were sent with the key.
    AtomicBoolean unsupported = new AtomicBoolean();
    SseKms pack = new SseKms("arn:aws:kms:us-east-1:111122223333:key/k", unsupported);
    SseKms index = new SseKms("arn:aws:kms:us-east-1:111122223333:key/k", unsupported);

    assertThat(pack.refused(NOT_IMPLEMENTED)).isTrue();
    assertThat(index.refused(NOT_IMPLEMENTED)).isTrue();
  }

  @Test
  void otherFailuresAndUploadsWithoutAKeyAreNotRefusals() {
    SseKms sse = new SseKms("arn:aws:kms:us-east-1:111122223333:key/k", new AtomicBoolean());
    S3Exception denied = (S3Exception) S3Exception.builder().statusCode(403).build();

    assertThat(sse.refused(denied)).isFalse();
    assertThat(SseKms.none().refused(NOT_IMPLEMENTED)).isFalse();
    assertThat(sse.keyId()).isNotNull();
  }
}
