package io.commitd.server.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The console's one way to write HTML: text and attribute values always pass {@link #text}, so
 * user content (file names, file contents, comments, titles) is never markup.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(4096);

  /** Appends trusted markup: literals of the console's own templates, never user content. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends text, escaped. */
  Html text(Object value) {
    out.append(escape(value == null ? "" : String.valueOf(value)));
    return this;
  }

  /** {@code <tag attrs>escaped text</tag>}: {@code attrs} are the console's own literals. */
  Html el(String tag, String attrs, Object text) {
    out.append('<').append(tag);
    if (attrs != null && !attrs.isEmpty()) {
      out.append(' ').append(attrs);
    }
    out.append('>');
    text(text);
    out.append("</").append(tag).append('>');
    return this;
  }

  /** {@code <a href="href">text</a>} with both escaped. */
  Html link(String href, Object text) {
    out.append("<a href=\"").append(escape(href)).append("\">");
    text(text);
    out.append("</a>");
    return this;
  }

  /** A hidden form field. */
  Html hidden(String name, String value) {
    out.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"").append(escape(value)).append("\">");
    return this;
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A path segment or query value, percent-encoded (spaces as %20). */
  static String url(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A path of several segments, each encoded, slashes kept. */
  static String urlPath(String path) {
    StringBuilder encoded = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (encoded.length() > 0 || path.startsWith("/")) {
        encoded.append('/');
      }
      encoded.append(url(segment));
    }
    String result = encoded.toString();
    return path.startsWith("/") && result.startsWith("//") ? result.substring(1) : result;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
