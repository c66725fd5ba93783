package io.commitd.server.codecommit.repositories;

/** botocore's {@code RepositoryNameIdPair} shape: one entry of {@code ListRepositories}. */
public record RepositoryNameIdPair(String repositoryName, String repositoryId) {}
