package io.commitd.storage.dfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A pack's files upload in the background; nothing may see a file before its upload finished. */
class BackgroundUploadTest {
  @RegisterExtension @Order(1) static final S3ProxyServer S3 = new S3ProxyServer();
  @RegisterExtension @Order(2) static final DfsFixture fixture = new DfsFixture(S3);

  @Test
  void aFailedUploadFailsTheCommitAndItsPackIsNeverListed() throws Exception {
    S3Client failingIndexes =
        onPut(key -> key.endsWith(".idx"), () -> {
          throw S3Exception.builder().statusCode(500).message("disk full").build();
        });
    S3RepositoryStore store = storeOver(failingIndexes);
    String id = DfsFixture.newRepositoryId();
    store.create(id);

    try (Repository repository = store.open(id)) {
      assertThatThrownBy(() -> S3RepositoryStoreTest.commitFile(repository, "a.txt", "a", null))
          .isInstanceOf(IOException.class);
    }

    try (DfsRepository repository = (DfsRepository) fixture.node().open(id)) {
      assertThat(repository.getObjectDatabase().getPacks()).isEmpty();
    }
  }

  @Test
  @Timeout(60) // a close that waited for its upload would never return here
  void closingAFileStartsItsUploadAndReadingItBackWaitsForTheUpload() throws Exception {
    CountDownLatch putStarted = new CountDownLatch(1);
    CountDownLatch releasePut = new CountDownLatch(1);
    S3Client slowPuts =
        onPut(key -> true, () -> {
          putStarted.countDown();
          releasePut.await();
        });
    S3RepositoryStore store = storeOver(slowPuts);
    String id = DfsFixture.newRepositoryId();
    store.create(id);
    byte[] content = "not really a pack".getBytes(StandardCharsets.UTF_8);
    ExecutorService reader = Executors.newSingleThreadExecutor();

    try (DfsRepository repository = (DfsRepository) store.open(id)) {
      S3ObjDatabase objects = (S3ObjDatabase) repository.getObjectDatabase();
      DfsPackDescription pack = objects.newPack(PackSource.INSERT);
      try (DfsOutputStream out = objects.writeFile(pack, PackExt.PACK)) {
        out.write(content);
      }
      pack.addFileExt(PackExt.PACK);
      putStarted.await();

      Future<byte[]> readBack = reader.submit(() -> readAll(objects, pack, content.length));
      releasePut.countDown();

      assertThat(readBack.get()).isEqualTo(content);
    } finally {
      reader.shutdownNow();
    }
  }

  private static byte[] readAll(S3ObjDatabase objects, DfsPackDescription pack, int length)
      throws IOException {
    try (ReadableChannel channel = objects.openFile(pack, PackExt.PACK)) {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // keep reading
      }
      return buffer.array();
    }
  }

  private static S3RepositoryStore storeOver(S3Client client) {
    return new S3RepositoryStore(
        client, S3ProxyServer.BUCKET, fixture.database(), 64, DfsFixture.SMALL_PART_SIZE);
  }

  /** Something that happens before a matching PUT reaches the store, or instead of it. */
  @FunctionalInterface
  interface BeforePut {
    void run() throws Exception;
  }

  /** The test's S3 client, with {@code beforePut} run before every PUT whose key matches. */
  private static S3Client onPut(Predicate<String> key, BeforePut beforePut) {
    S3Client real = S3.client();
    return (S3Client)
        Proxy.newProxyInstance(
            S3Client.class.getClassLoader(),
            new Class<?>[] {S3Client.class},
            (proxy, method, arguments) -> {
              if (method.getName().equals("putObject") && key.test(putKey(arguments[0]))) {
                beforePut.run();
              }
              try {
                return method.invoke(real, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @SuppressWarnings("unchecked")
  private static String putKey(Object request) {
    if (request instanceof PutObjectRequest put) {
      return put.key();
    }
    PutObjectRequest.Builder builder = PutObjectRequest.builder();
    ((java.util.function.Consumer<PutObjectRequest.Builder>) request).accept(builder);
    return builder.build().key();
  }
}
