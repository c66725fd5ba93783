package io.commitd.approval.rules;

/**
 * Full Git reference names as {@code git check-ref-format} accepts them, written out here because
 * this module must not depend on JGit. Templates name destination branches this way, for example
 * {@code refs/heads/main}.
 */
final class RefNames {

  private static final String FORBIDDEN_CHARACTERS = " ~^:?*[\\";

  private RefNames() {}

  static boolean isValidFullRefName(String name) {
    if (name == null || !name.startsWith("refs/") || name.length() == "refs/".length()) {
      return false;
    }
    if (name.endsWith("/") || name.endsWith(".") || name.contains("..") || name.contains("@{")) {
      return false;
    }
    for (String component : name.split("/", -1)) {
      if (component.isEmpty() || component.startsWith(".") || component.endsWith(".lock")) {
        return false;
      }
    }
    return name.chars().noneMatch(RefNames::isForbidden);
  }

  private static boolean isForbidden(int c) {
    return c < 0x20 || c == 0x7f || FORBIDDEN_CHARACTERS.indexOf(c) >= 0;
  }
}
