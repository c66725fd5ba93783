package io.commitd.triggers.config;

/**
 * Whether a trigger's branch name could name a branch: 1 to 256 characters (botocore's
 * {@code BranchName}) that Git accepts after {@code refs/heads/} (git-check-ref-format rules).
 */
final class BranchNames {

    static final int MAX_LENGTH = 256;

    private BranchNames() {
    }

    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        if (name.equals("@") || name.startsWith("-") || name.startsWith("/") || name.endsWith("/")
                || name.endsWith(".") || name.contains("..") || name.contains("//") || name.contains("@{")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || " ~^:?*[\\".indexOf(c) >= 0) {
                return false;
            }
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".") || component.endsWith(".lock")) {
                return false;
            }
        }
        return true;
    }
}
