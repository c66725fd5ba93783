package io.commitd.server.codecommit.repositories;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** botocore's {@code RepositoryMetadata} shape. */
public record RepositoryMetadata(
    String accountId,
    String repositoryId,
    String repositoryName,
    String repositoryDescription,
    String defaultBranch,
    Instant lastModifiedDate,
    Instant creationDate,
    String cloneUrlHttp,
    String cloneUrlSsh,
    @JsonProperty("Arn") String arn,
    String kmsKeyId) {}
