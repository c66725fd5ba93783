package io.commitd.storage.repos;

import io.commitd.storage.aws.Arn;
import java.time.Instant;

/**
 * A repository's metadata row. {@code repositoryId} is immutable and names the repository on
 * disk, so renaming touches only {@code name}.
 */
public record RepositoryRecord(
    String repositoryId,
    String accountId,
    String name,
    String description,
    String defaultBranch,
    String kmsKeyId,
    Instant createdAt,
    Instant lastModifiedAt) {

  /** The repository's ARN, the resource of every {@code codecommit:} action on it. */
  public String arn(String region) {
    return Arn.repository(region, accountId, name).toString();
  }
}
