package io.commitd.server.codecommit;

import io.commitd.storage.aws.Arn;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;

/**
 * Finds repositories by the names callers use, and names them by ARN: the lookups every
 * operation family shares.
 */
public final class Repositories {
  private final RepositoryCatalog catalog;
  private final String region;

  public Repositories(RepositoryCatalog catalog, String region) {
    this.catalog = catalog;
    this.region = region;
  }

  public RepositoryCatalog catalog() {
    return catalog;
  }

  public String region() {
    return region;
  }

  /** The ARN of a repository of the caller's account, from its (validated) name. */
  public String arn(String accountId, String name) {
    return Arn.repository(region, accountId, RepositoryNames.require(name)).toString();
  }

  /** The ARN of the repository named by the input member {@code member} (usually repositoryName). */
  public String arnOf(OperationRequest request, String member) {
    return arn(request.accountId(), request.input().string(member));
  }

  /** The ARN of the repository named by the request's {@code repositoryName}: most operations' resource. */
  public String arnOfRepositoryName(OperationRequest request) {
    return arnOf(request, "repositoryName");
  }

  /** The repository, or {@code RepositoryDoesNotExistException}. */
  public RepositoryRecord require(String accountId, String name) {
    RepositoryNames.require(name);
    return catalog.findByName(accountId, name).orElseThrow(() -> doesNotExist(name));
  }

  public static AwsException doesNotExist(String name) {
    return AwsException.badRequest("RepositoryDoesNotExistException", name + " does not exist");
  }
}
