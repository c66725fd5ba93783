package io.commitd.storage.dfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UploadOnCloseStreamTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
  private static final int PART_SIZE = 5 * 1024 * 1024;

  @Test
  void aSmallFileStaysInMemoryReadsBackWhileWrittenAndGoesUpInOnePut() throws Exception {
    S3Object object = newObject();
    byte[] content = randomBytes(10_000);
    AtomicLong uploaded = new AtomicLong(-1);
    UploadOnCloseStream out = new UploadOnCloseStream(object, PART_SIZE, uploaded::set, UploadOnCloseStream.NOW);

    out.write(content, 0, 6_000);
    assertThat(readBack(out, 1_000, 5_000)).isEqualTo(Arrays.copyOfRange(content, 1_000, 6_000));
    out.write(content, 6_000, 4_000);
    assertThat(out.inMemory()).isTrue();
    int callsBefore = S3.calls().size();
    out.close();

    assertThat(S3.calls().subList(callsBefore, S3.calls().size())).containsExactly("putObject");
    assertThat(uploaded).hasValue(content.length);
    assertThat(stored(object)).isEqualTo(content);
  }

  @Test
  void aFileBeyondTheMemoryLimitMovesToATemporaryFileAndReadsBackAcrossTheMove() throws Exception {
    S3Object object = newObject();
    byte[] content = randomBytes(3_000);
    AtomicLong uploaded = new AtomicLong(-1);
    UploadOnCloseStream out = new UploadOnCloseStream(object, PART_SIZE, 1_000, uploaded::set, UploadOnCloseStream.NOW);

    out.write(content, 0, 800);
    assertThat(out.inMemory()).isTrue();
    out.write(content, 800, 2_200);
    assertThat(out.inMemory()).isFalse();
    assertThat(readBack(out, 0, 3_000)).isEqualTo(content);
    out.close();

    assertThat(uploaded).hasValue(content.length);
    assertThat(stored(object)).isEqualTo(content);
  }

  @Test
  void anEmptyFileIsUploadedEmpty() throws Exception {
    S3Object object = newObject();
    AtomicLong uploaded = new AtomicLong(-1);
    new UploadOnCloseStream(object, PART_SIZE, uploaded::set, UploadOnCloseStream.NOW).close();

    assertThat(uploaded).hasValue(0);
    assertThat(stored(object)).isEmpty();
  }

  private static S3Object newObject() {
    return new S3Object(S3.client(), S3ProxyServer.BUCKET, "tests/" + UUID.randomUUID());
  }

  private static byte[] stored(S3Object object) {
    return S3.client()
        .getObjectAsBytes(request -> request.bucket(object.bucket()).key(object.key()))
        .asByteArray();
  }

  private static byte[] readBack(UploadOnCloseStream out, long position, int length)
      throws Exception {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int read = out.read(position + buffer.position(), buffer);
      assertThat(read).isPositive();
    }
    return buffer.array();
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
