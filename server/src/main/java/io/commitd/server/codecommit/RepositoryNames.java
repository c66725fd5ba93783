package io.commitd.server.codecommit;

import io.commitd.storage.errors.AwsException;

/** CodeCommit's rules for repository names, and the errors for breaking them. */
public final class RepositoryNames {
  private static final int MAX_LENGTH = 100;
  private static final String GIT_SUFFIX = ".git";

  private RepositoryNames() {}

  /** 1 to 100 ASCII letters, digits, {@code _ . -}; not {@code .} or {@code ..}; not ending in {@code .git} in any case. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isNameChar(name.charAt(i))) {
        return false;
      }
    }
    return !name.regionMatches(true, name.length() - GIT_SUFFIX.length(), GIT_SUFFIX, 0, GIT_SUFFIX.length());
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
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
