package io.commitd.server.config;

import java.time.Duration;

/**
 * Where repositories live: the {@code file} engine (bare repositories under the data directory,
 * one node) or the {@code s3} engine (packs in an S3 bucket, refs and pack lists in PostgreSQL, any
 * number of nodes).
 *
 * @param s3Endpoint null for AWS itself; else an S3-compatible endpoint such as MinIO or S3Proxy
 * @param s3Region the bucket's region; null for the SDK's default chain
 * @param s3AccessKeyId null (with the secret) for the SDK's default credentials chain
 * @param blockCacheMegabytes the JVM-wide cache of pack data on the heap: blocks read from S3 (s3), pack windows (file)
 * @param packGracePeriod how long a pack replaced by GC stays in the bucket for readers that
 *     still use the old pack list; must outlast the longest clone
 */
public record StorageConfig(
    Engine engine,
    String s3Endpoint,
    String s3Bucket,
    String s3Region,
    boolean s3PathStyle,
    String s3AccessKeyId,
    String s3SecretAccessKey,
    int blockCacheMegabytes,
    Duration packGracePeriod) {

  public static final int DEFAULT_BLOCK_CACHE_MB = 128;
  public static final Duration DEFAULT_PACK_GRACE_PERIOD = Duration.ofHours(1);

  /** The storage engines. */
  public enum Engine {
    FILE,
    S3;

    /** The engine named by {@code COMMITD_STORAGE}. */
    public static Engine parse(String value) {
      switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "file":
          return FILE;
        case "s3":
          return S3;
        default:
          throw new ConfigValidator.InvalidSettingException("COMMITD_STORAGE", "'" + value + "' is neither file nor s3");
      }
    }
  }

  /** The default: bare repositories in the data directory. */
  public static StorageConfig file() {
    return new StorageConfig(Engine.FILE, null, null, null, false, null, null, DEFAULT_BLOCK_CACHE_MB, DEFAULT_PACK_GRACE_PERIOD);
  }

  /** The s3 engine on {@code bucket}, with the SDK's defaults for everything not given later. */
  public static StorageConfig s3(String endpoint, String bucket, String region, boolean pathStyle, String accessKeyId,
      String secretAccessKey) {
    return new StorageConfig(Engine.S3, endpoint, bucket, region, pathStyle, accessKeyId, secretAccessKey,
        DEFAULT_BLOCK_CACHE_MB, DEFAULT_PACK_GRACE_PERIOD);
  }

  public StorageConfig withPackGracePeriod(Duration gracePeriod) {
    return new StorageConfig(engine, s3Endpoint, s3Bucket, s3Region, s3PathStyle, s3AccessKeyId, s3SecretAccessKey,
        blockCacheMegabytes, gracePeriod);
  }

  public StorageConfig withBlockCacheMegabytes(int megabytes) {
    return new StorageConfig(engine, s3Endpoint, s3Bucket, s3Region, s3PathStyle, s3AccessKeyId, s3SecretAccessKey,
        megabytes, packGracePeriod);
  }

  public boolean isS3() {
    return engine == Engine.S3;
  }

  @Override
  public String toString() {
    // Never print the secret.
    return "StorageConfig[engine=" + engine + ", s3Endpoint=" + s3Endpoint + ", s3Bucket=" + s3Bucket + ", s3Region="
        + s3Region + ", s3PathStyle=" + s3PathStyle + ", s3AccessKeyId=" + s3AccessKeyId + ", blockCacheMegabytes="
        + blockCacheMegabytes + ", packGracePeriod=" + packGracePeriod + "]";
  }
}
