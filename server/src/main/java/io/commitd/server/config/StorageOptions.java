package io.commitd.server.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The storage engine's flags and {@code COMMITD_*} variables, shared by {@code serve} and {@code storage migrate}. */
public final class StorageOptions {

  @Option(names = "--storage", defaultValue = "${env:COMMITD_STORAGE:-file}",
      description = "Storage engine: file (repositories in the data directory) or s3 (packs in S3, refs in PostgreSQL; several nodes) (COMMITD_STORAGE, default file).")
  String engine;

  @Option(names = "--s3-endpoint", defaultValue = "${env:COMMITD_S3_ENDPOINT}",
      description = "S3-compatible endpoint URL, e.g. http://minio:9000; unset for AWS S3 (COMMITD_S3_ENDPOINT).")
  String endpoint;

  @Option(names = "--s3-bucket", defaultValue = "${env:COMMITD_S3_BUCKET}",
      description = "The bucket holding pack files; required with --storage s3 (COMMITD_S3_BUCKET).")
  String bucket;

  @Option(names = "--s3-region", defaultValue = "${env:COMMITD_S3_REGION}",
      description = "The bucket's region; unset for the SDK's default chain (COMMITD_S3_REGION).")
  String region;

  @Option(names = "--s3-path-style", defaultValue = "${env:COMMITD_S3_PATH_STYLE:-false}",
      description = "Address the bucket in the path (http://host/bucket/key), as MinIO and S3Proxy want (COMMITD_S3_PATH_STYLE, default false).")
  String pathStyle;

  @Option(names = "--s3-access-key-id", defaultValue = "${env:COMMITD_S3_ACCESS_KEY_ID}",
      description = "Access key id for S3; unset for the SDK's default credentials chain (COMMITD_S3_ACCESS_KEY_ID).")
  String accessKeyId;

  @Option(names = "--s3-secret-access-key", defaultValue = "${env:COMMITD_S3_SECRET_ACCESS_KEY}",
      description = "Its secret (COMMITD_S3_SECRET_ACCESS_KEY).")
  String secretAccessKey;

  @Option(names = "--block-cache-mb", defaultValue = "${env:COMMITD_BLOCK_CACHE_MB:-128}",
      description = "Heap for cached pack data, per node: blocks read from S3, or pack windows of file repositories (COMMITD_BLOCK_CACHE_MB, default 128).")
  String blockCacheMegabytes;

  @Option(names = "--s3-pack-grace-minutes", defaultValue = "${env:COMMITD_S3_PACK_GRACE_MINUTES:-60}",
      description = "Minutes a pack replaced by GC stays in the bucket for clones still reading it (COMMITD_S3_PACK_GRACE_MINUTES, default 60).")
  String packGraceMinutes;

  /** The storage settings these options name; validated with the rest by {@link ConfigValidator}. */
  public StorageConfig toConfig() {
    StorageConfig.Engine chosen = StorageConfig.Engine.parse(engine);
    return new StorageConfig(
        chosen,
        blankToNull(endpoint),
        blankToNull(bucket),
        blankToNull(region),
        bool("COMMITD_S3_PATH_STYLE", pathStyle),
        blankToNull(accessKeyId),
        blankToNull(secretAccessKey),
        number("COMMITD_BLOCK_CACHE_MB", blockCacheMegabytes),
        Duration.ofMinutes(number("COMMITD_S3_PACK_GRACE_MINUTES", packGraceMinutes)));
  }

  private static boolean bool(String setting, String value) {
    String v = value == null ? "" : value.trim();
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false") || v.isEmpty()) {
      return false;
    }
    throw new ConfigValidator.InvalidSettingException(setting, "'" + value + "' is neither true nor false");
  }

  private static int number(String setting, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigValidator.InvalidSettingException(setting, "'" + value + "' is not a whole number");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
