package io.commitd.server.codecommit;

import io.commitd.storage.errors.AwsException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/** CodeCommit's rules for branch names, and the errors for breaking them. */
public final class BranchNames {
  private BranchNames() {}

  /** Returns {@code name} when it is a valid branch name; throws CodeCommit's error otherwise. */
  public static String require(String name) {
    if (name == null || name.isEmpty()) {
      throw AwsException.badRequest("BranchNameRequiredException", "A branch name is required, but was not specified.");
    }
    if (name.length() > 256 || !Repository.isValidRefName(Constants.R_HEADS + name) || name.startsWith("refs/")) {
      throw AwsException.badRequest("InvalidBranchNameException", "The specified reference name format is not valid: " + name);
    }
    return name;
  }

  public static AwsException doesNotExist(String name) {
    return AwsException.badRequest("BranchDoesNotExistException", "Branch " + name + " does not exist.");
  }
}
