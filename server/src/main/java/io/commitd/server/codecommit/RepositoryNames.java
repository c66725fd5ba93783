package io.commitd.server.codecommit;

import io.commitd.storage.errors.AwsException;
import java.util.regex.Pattern;

/** CodeCommit's rules for repository names, and the errors for breaking them. */
public final class RepositoryNames {
  private static final Pattern VALID = Pattern.compile("[\\w.-]{1,100}");

  private RepositoryNames() {}

  public static boolean isValid(String name) {
    return name != null
        && VALID.matcher(name).matches()
        && !name.equals(".")
        && !name.equals("..")
        && !name.toLowerCase(java.util.Locale.ROOT).endsWith(".git");
  }

  /** Returns {@code name} when valid; throws CodeCommit's error otherwise. */
  public static String require(String name) {
    if (name == null || name.isEmpty()) {
      throw AwsException.badRequest("RepositoryNameRequiredException", "A repository name is required, but was not specified.");
    }
    if (!isValid(name)) {
      throw invalid(name);
    }
    return name;
  }

  public static AwsException invalid(String name) {
    return AwsException.badRequest(
        "InvalidRepositoryNameException",
        "The repository name '" + name + "' is not valid. Repository names can be any valid combination of letters, "
            + "numbers, periods, underscores, and dashes between 1 and 100 characters in length, and cannot end in .git. "
            + "Names are case sensitive.");
  }
}
