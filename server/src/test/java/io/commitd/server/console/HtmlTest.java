package io.commitd.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void textAndAttributesAreEscaped() {
    Html html = new Html().el("p", "class=\"x\"", "<img src=x onerror=alert(1)> & \"'").link("/a?b=\"c\"", "<b>");
    assertThat(html.toString()).isEqualTo(
        "<p class=\"x\">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;&#39;</p><a href=\"/a?b=&quot;c&quot;\">&lt;b&gt;</a>");
  }

  @Test
  void highlightingWritesOnlyEscapedText() {
    Html html = new Html();
    Pattern java = Highlighter.forPath("src/A.java");
    Highlighter.line(html, "String s = \"<script>\"; // </span><script>", java);
    assertThat(html.toString()).doesNotContain("<script>").contains("&lt;script&gt;").contains("<span class=\"s\">");
  }

  @Test
  void signInSendsOnlyToConsolePages() {
    assertThat(ConsoleServlet.safeNext("/console/repositories/x/pull-requests/1")).isEqualTo("/console/repositories/x/pull-requests/1");
    assertThat(ConsoleServlet.safeNext("https://evil.example/console")).isEqualTo("/console/repositories");
    assertThat(ConsoleServlet.safeNext("/console//evil.example")).isEqualTo("/console/repositories");
    assertThat(ConsoleServlet.safeNext(null)).isEqualTo("/console/repositories");
  }

  @Test
  void pathsAreEncodedSegmentBySegment() {
    assertThat(Html.urlPath("src/a b/<x>.txt")).isEqualTo("src/a%20b/%3Cx%3E.txt");
    assertThat(ConsoleServlet.segments("/repositories/r/browse/feature/x/a%20b")).containsExactly("repositories", "r", "browse", "feature", "x", "a b");
  }
}
