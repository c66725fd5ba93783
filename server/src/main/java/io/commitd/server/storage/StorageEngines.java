package io.commitd.server.storage;

import io.commitd.server.config.StorageConfig;
import io.commitd.storage.db.Database;
import io.commitd.storage.dfs.S3RepositoryStore;
import io.commitd.storage.git.FileRepositoryStore;
import io.commitd.storage.git.RepositoryConfigOnly;
import io.commitd.storage.git.RepositoryStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the configured storage engine; the resources it opens are added to {@code resources}. */
public final class StorageEngines {
  private StorageEngines() {}

  /** The file engine's repositories directory under the data directory. */
  public static Path fileRepositories(Path dataDir) {
    return dataDir.resolve("repositories");
  }

  /**
   * The configured engine over {@code database}.
   *
   * @param kmsKeys the KMS key a repository's packs are encrypted under (the s3 engine only)
   */
  public static RepositoryStore open(StorageConfig storage, Path dataDir, Database database,
      S3RepositoryStore.EncryptionKeys kmsKeys, List<AutoCloseable> resources) throws IOException {
    RepositoryConfigOnly.install();
    if (!storage.isS3()) {
      FileRepositoryStore.configureCaches(storage.blockCacheMegabytes());
      FileRepositoryStore store = new FileRepositoryStore(fileRepositories(dataDir));
      resources.add(store);
      return store;
    }
    S3Client s3 = s3Client(storage);
    resources.add(s3);
    S3RepositoryStore store =
        new S3RepositoryStore(s3, storage.s3Bucket(), database, storage.blockCacheMegabytes(), kmsKeys);
    resources.add(store);
    return store;
  }

  /**
   * Whether a repository's {@code kmsKeyId} names a key of the customer's: CodeCommit's default,
   * the AWS-managed {@code alias/aws/codecommit}, is not a key S3 can encrypt with.
   */
  public static boolean isCustomerKey(String kmsKeyId) {
    return kmsKeyId != null && !kmsKeyId.isBlank() && !kmsKeyId.startsWith("alias/aws/");
  }

  /** The S3 client the settings describe: AWS by default, or an S3-compatible endpoint. */
  public static S3Client s3Client(StorageConfig storage) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder()
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofMinutes(2)))
        .forcePathStyle(storage.s3PathStyle());
    if (storage.s3Endpoint() != null) {
      builder.endpointOverride(URI.create(storage.s3Endpoint()));
      // S3-compatible stores (S3Proxy, older MinIO) do not all accept the SDK's newer default
      // checksums; send them only where the operation requires one.
      builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    if (storage.s3Region() != null) {
      builder.region(Region.of(storage.s3Region()));
    } else if (storage.s3Endpoint() != null) {
      // A private endpoint has no region to discover; any name signs.
      builder.region(Region.US_EAST_1);
    }
    builder.credentialsProvider(storage.s3AccessKeyId() != null
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.s3AccessKeyId(), storage.s3SecretAccessKey()))
        : DefaultCredentialsProvider.builder().build());
    return builder.build();
  }
}
