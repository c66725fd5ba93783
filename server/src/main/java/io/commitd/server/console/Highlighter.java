package io.commitd.server.console;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny line-by-line syntax highlighter: strings, comments, numbers and keywords of the common
 * languages, chosen by file extension. It writes escaped text inside {@code <span>}s and nothing
 * else, so it cannot turn content into markup.
 */
final class Highlighter {
  private static final Set<String> KEYWORDS = Set.of(
      "abstract", "as", "async", "await", "break", "case", "catch", "class", "const", "continue", "def", "default", "defer", "do",
      "elif", "else", "enum", "export", "extends", "false", "final", "finally", "fn", "for", "from", "func", "function", "go", "if",
      "implements", "import", "in", "interface", "is", "lambda", "let", "match", "mut", "new", "nil", "none", "None", "not", "null",
      "package", "private", "protected", "pub", "public", "record", "return", "self", "static", "struct", "super", "switch", "this",
      "throw", "throws", "trait", "true", "True", "False", "try", "type", "use", "val", "var", "void", "while", "with", "yield");
  private static final Pattern C_LIKE = Pattern.compile(
      "(\"(?:\\\\.|[^\"\\\\])*\"?|'(?:\\\\.|[^'\\\\])*'?)|(//.*|/\\*.*?(?:\\*/|$))|(\\b\\d[\\d_.xXa-fA-FlL]*\\b)|(\\b[A-Za-z_]\\w*\\b)");
  private static final Pattern HASH = Pattern.compile(
      "(\"(?:\\\\.|[^\"\\\\])*\"?|'(?:\\\\.|[^'\\\\])*'?)|(#.*)|(\\b\\d[\\d_.]*\\b)|(\\b[A-Za-z_]\\w*\\b)");

  private Highlighter() {}

  /** The pattern for a file, or null to show it plain. */
  static Pattern forPath(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? name : name.substring(dot + 1);
    return switch (extension) {
      case "java", "js", "mjs", "ts", "tsx", "jsx", "c", "h", "cc", "cpp", "hpp", "cs", "go", "rs", "kt", "kts", "scala", "swift",
          "groovy", "gradle", "css", "scss", "json", "php", "dart" -> C_LIKE;
      case "py", "rb", "sh", "bash", "zsh", "pl", "r", "yaml", "yml", "toml", "properties", "conf", "ini", "dockerfile", "makefile",
          "tf" -> HASH;
      default -> null;
    };
  }

  /** Writes one line, highlighted with {@code pattern} (plain when null). */
  static void line(Html out, String line, Pattern pattern) {
    if (pattern == null || line.length() > 2_000) {
      out.text(line);
      return;
    }
    Matcher m = pattern.matcher(line);
    int at = 0;
    while (m.find()) {
      out.text(line.substring(at, m.start()));
      String token = m.group();
      String css = m.group(1) != null ? "s" : m.group(2) != null ? "c" : m.group(3) != null ? "n" : KEYWORDS.contains(token) ? "k" : null;
      if (css == null) {
        out.text(token);
      } else {
        out.raw("<span class=\"").raw(css).raw("\">").text(token).raw("</span>");
      }
      at = m.end();
    }
    out.text(line.substring(at));
  }
}
