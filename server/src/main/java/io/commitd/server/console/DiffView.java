package io.commitd.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Unified diffs of what {@code GetDifferences} lists, from blobs read with {@code GetBlob}: the
 * text algorithm is JGit's histogram diff on the bytes the API answered. A render has a line
 * budget, so a 10,000-line diff renders a page at a time ("load more").
 */
final class DiffView {
  static final int LINE_BUDGET = 2_000;
  private static final int CONTEXT = 3;
  private static final int MAX_BLOB_BYTES = 2 * 1024 * 1024;

  /** What a page adds around diff lines: pull requests put line comments there. */
  interface Lines {
    /** The href a line number links to, or null. */
    String lineLink(String path, String version, int line);

    /** Writes what belongs under a line (comments, a comment form). */
    void afterLine(Html out, String path, String version, int line) throws ConsoleApiException;

    Lines NONE = new Lines() {
      @Override
      public String lineLink(String path, String version, int line) {
        return null;
      }

      @Override
      public void afterLine(Html out, String path, String version, int line) {}
    };
  }

  private DiffView() {}

  /**
   * Renders the differences from {@code from} on; answers the index of the first difference not
   * rendered (the budget ran out), or -1 when all were.
   */
  static int render(Exchange x, Html out, String repository, List<JsonNode> differences, int from, Lines lines) throws ConsoleApiException {
    int budget = LINE_BUDGET;
    out.raw("<div class=\"diffs\">");
    for (int i = from; i < differences.size(); i++) {
      if (budget <= 0) {
        out.raw("</div>");
        return i;
      }
      JsonNode difference = differences.get(i);
      JsonNode before = difference.path("beforeBlob");
      JsonNode after = difference.path("afterBlob");
      String path = after.hasNonNull("path") ? after.path("path").asText() : before.path("path").asText();
      String change = difference.path("changeType").asText("M");
      out.raw("<section class=\"file-diff\" data-path=\"").text(path).raw("\"><h3><span class=\"change change-").text(change).raw("\">")
          .text(change).raw("</span> ").text(path);
      if (before.hasNonNull("path") && after.hasNonNull("path") && !before.path("path").asText().equals(path)) {
        out.raw(" <span class=\"muted\">(from ").text(before.path("path").asText()).raw(")</span>");
      }
      out.raw("</h3>");
      byte[] a = blob(x, repository, before);
      byte[] b = blob(x, repository, after);
      if (a == null || b == null) {
        out.el("p", "class=\"muted\"", "Too large to show here.").raw("</section>");
        continue;
      }
      if (RawText.isBinary(a) || RawText.isBinary(b)) {
        out.el("p", "class=\"muted\"", "Binary file.").raw("</section>");
        continue;
      }
      budget -= file(out, path, a, b, lines, budget);
      out.raw("</section>");
    }
    out.raw("</div>");
    return -1;
  }

  private static byte[] blob(Exchange x, String repository, JsonNode blob) throws ConsoleApiException {
    if (!blob.hasNonNull("blobId")) {
      return new byte[0];
    }
    if ("160000".equals(blob.path("mode").asText())) {
      return ("Subproject commit " + blob.path("blobId").asText() + "\n").getBytes(StandardCharsets.UTF_8);
    }
    JsonNode out = x.call("GetBlob", Exchange.input().put("repositoryName", repository).put("blobId", blob.path("blobId").asText()));
    String content = out.path("content").asText("");
    if (content.length() > MAX_BLOB_BYTES * 4 / 3 + 4) {
      return null;
    }
    return Base64.getDecoder().decode(content);
  }

  /** Writes one file's hunks; answers how many lines it wrote. */
  private static int file(Html out, String path, byte[] a, byte[] b, Lines lines, int budget) throws ConsoleApiException {
    RawText before = new RawText(a);
    RawText after = new RawText(b);
    EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(RawTextComparator.DEFAULT, before, after);
    Pattern syntax = Highlighter.forPath(path);
    int written = 0;
    out.raw("<table class=\"diff\"><tbody>");
    int i = 0;
    while (i < edits.size()) {
      // A hunk: consecutive edits whose contexts touch.
      int j = i;
      while (j + 1 < edits.size() && edits.get(j + 1).getBeginA() - edits.get(j).getEndA() <= 2 * CONTEXT) {
        j++;
      }
      Edit first = edits.get(i);
      Edit last = edits.get(j);
      int aStart = Math.max(0, first.getBeginA() - CONTEXT);
      int bStart = Math.max(0, first.getBeginB() - CONTEXT);
      int aEnd = Math.min(before.size(), last.getEndA() + CONTEXT);
      int bEnd = Math.min(after.size(), last.getEndB() + CONTEXT);
      out.raw("<tr class=\"hunk\"><td colspan=\"3\">@@ -").text(aStart + 1).raw(",").text(aEnd - aStart).raw(" +").text(bStart + 1)
          .raw(",").text(bEnd - bStart).raw(" @@</td></tr>");
      int ai = aStart;
      int bi = bStart;
      for (int k = i; k <= j; k++) {
        Edit edit = edits.get(k);
        while (ai < edit.getBeginA()) {
          row(out, path, " ", ai + 1, bi + 1, after.getString(bi), syntax, lines);
          ai++;
          bi++;
          written++;
        }
        for (; ai < edit.getEndA(); ai++, written++) {
          row(out, path, "-", ai + 1, -1, before.getString(ai), syntax, lines);
        }
        for (; bi < edit.getEndB(); bi++, written++) {
          row(out, path, "+", -1, bi + 1, after.getString(bi), syntax, lines);
        }
      }
      while (ai < aEnd && bi < bEnd) {
        row(out, path, " ", ai + 1, bi + 1, after.getString(bi), syntax, lines);
        ai++;
        bi++;
        written++;
      }
      i = j + 1;
      if (written >= budget && i < edits.size()) {
        out.raw("<tr class=\"hunk\"><td colspan=\"3\">… the rest of this file is on the next page</td></tr>");
        break;
      }
    }
    out.raw("</tbody></table>");
    return Math.max(written, 1);
  }

  private static void row(Html out, String path, String kind, int oldLine, int newLine, String text, Pattern syntax, Lines lines)
      throws ConsoleApiException {
    String version = newLine > 0 ? "AFTER" : "BEFORE";
    int line = newLine > 0 ? newLine : oldLine;
    String css = kind.equals("+") ? "add" : kind.equals("-") ? "del" : "ctx";
    String link = lines.lineLink(path, version, line);
    out.raw("<tr class=\"").raw(css).raw("\"><td class=\"ln\">").raw(oldLine > 0 ? String.valueOf(oldLine) : "").raw("</td><td class=\"ln\">");
    if (link != null) {
      out.raw("<a class=\"comment-line\" title=\"Comment on this line\" href=\"").text(link).raw("\">")
          .text(newLine > 0 ? String.valueOf(newLine) : "·").raw("</a>");
    } else {
      out.raw(newLine > 0 ? String.valueOf(newLine) : "");
    }
    out.raw("</td><td class=\"code\"><span class=\"mark\">").text(kind).raw("</span>");
    Highlighter.line(out, text, syntax);
    out.raw("</td></tr>");
    Html under = new Html();
    lines.afterLine(under, path, version, line);
    if (!under.toString().isEmpty()) {
      out.raw("<tr class=\"under\"><td colspan=\"3\">").raw(under.toString()).raw("</td></tr>");
    }
  }
}
