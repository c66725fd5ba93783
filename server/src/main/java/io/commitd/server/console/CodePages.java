package io.commitd.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.RawText;

/** Code: folders and files at a ref, raw files, a file's history, commits and a commit, branches. */
final class CodePages {
  static final int FOLDER_PAGE = 500;
  static final int FILE_LINES_PAGE = 5_000;
  static final int COMMITS_PAGE = 50;

  static String browseUrl(String repository, String ref, String path) {
    return "/console/repositories/" + Html.url(repository) + "/browse/" + Html.urlPath(ref) + (path.isEmpty() ? "" : "/" + Html.urlPath(path));
  }

  /** A ref and a path from the segments after {@code browse/}: the longest leading run that names a branch, else the first segment. */
  record RefPath(String ref, String path) {}

  static RefPath resolve(Exchange x, String repository, List<String> segments) throws ConsoleApiException {
    if (segments.size() > 1) {
      Set<String> branches = new HashSet<>(RepositoryPages.branchNames(x, repository));
      for (int n = segments.size(); n >= 1; n--) {
        String candidate = String.join("/", segments.subList(0, n));
        if (branches.contains(candidate)) {
          return new RefPath(candidate, String.join("/", segments.subList(n, segments.size())));
        }
      }
    }
    return new RefPath(segments.get(0), String.join("/", segments.subList(1, segments.size())));
  }

  private static String defaultBranch(Exchange x, String repository) throws ConsoleApiException {
    String branch = x.call("GetRepository", Exchange.input().put("repositoryName", repository)).path("repositoryMetadata")
        .path("defaultBranch").asText("");
    if (branch.isEmpty()) {
      throw new ConsoleServlet.NotFound("The repository " + repository + " has no commits yet.");
    }
    return branch;
  }

  void browse(Exchange x, String repository, List<String> tail) throws IOException, ConsoleApiException {
    if (x.param("ref") != null) {
      x.redirect(browseUrl(repository, x.param("ref"), ""));
      return;
    }
    if (tail.isEmpty()) {
      x.redirect(browseUrl(repository, defaultBranch(x, repository), ""));
      return;
    }
    RefPath at = resolve(x, repository, tail);
    if (at.path().isEmpty()) {
      folder(x, repository, at);
      return;
    }
    try {
      folder(x, repository, at);
    } catch (ConsoleApiException e) {
      if (!e.code().equals("FolderDoesNotExistException")) {
        throw e;
      }
      file(x, repository, at);
    }
  }

  private void folder(Exchange x, String repository, RefPath at) throws IOException, ConsoleApiException {
    JsonNode out = x.call("GetFolder", Exchange.input().put("repositoryName", repository).put("commitSpecifier", at.ref())
        .put("folderPath", at.path().isEmpty() ? "/" : at.path()));
    record Entry(String kind, String name, String path) {}
    List<Entry> entries = new ArrayList<>();
    out.path("subFolders").forEach(f -> entries.add(new Entry("folder", f.path("relativePath").asText(), f.path("absolutePath").asText())));
    out.path("files").forEach(f -> entries.add(new Entry("file", f.path("relativePath").asText(), f.path("absolutePath").asText())));
    out.path("symbolicLinks").forEach(f -> entries.add(new Entry("symlink", f.path("relativePath").asText(), f.path("absolutePath").asText())));
    out.path("subModules").forEach(f -> entries.add(new Entry("submodule", f.path("relativePath").asText(), f.path("absolutePath").asText())));
    int page = x.intParam("page", 0);
    Html body = new Html();
    RepositoryPages.header(body, repository, "code");
    refBar(x, body, repository, at);
    body.raw("<table class=\"list files\" id=\"folder\"><tbody>");
    if (!at.path().isEmpty()) {
      String parent = at.path().contains("/") ? at.path().substring(0, at.path().lastIndexOf('/')) : "";
      body.raw("<tr><td class=\"icon\">↑</td><td>").link(browseUrl(repository, at.ref(), parent), "..").raw("</td></tr>");
    }
    int end = Math.min(entries.size(), (page + 1) * FOLDER_PAGE);
    for (Entry entry : entries.subList(Math.min(entries.size(), page * FOLDER_PAGE), end)) {
      body.raw("<tr class=\"").raw(entry.kind()).raw("\"><td class=\"icon\">").raw(entry.kind().equals("folder") ? "📁" : "📄").raw("</td><td>");
      if (entry.kind().equals("submodule")) {
        body.text(entry.name());
      } else {
        body.link(browseUrl(repository, at.ref(), entry.path()), entry.name());
      }
      body.raw("</td></tr>");
    }
    body.raw("</tbody></table>");
    pager(body, browseUrl(repository, at.ref(), at.path()), page, entries.size(), FOLDER_PAGE, "entries");
    x.page(repository + (at.path().isEmpty() ? "" : "/" + at.path()), body);
  }

  static void pager(Html body, String base, int page, int total, int size, String what) {
    if (total <= size) {
      return;
    }
    body.raw("<p class=\"pager\">").text(String.format("%d–%d of %d %s ", page * size + 1, Math.min(total, (page + 1) * size), total, what));
    if (page > 0) {
      body.link(base + "?page=" + (page - 1), "Previous").raw(" ");
    }
    if ((page + 1) * size < total) {
      body.link(base + "?page=" + (page + 1), "Next");
    }
    body.raw("</p>");
  }

  private void refBar(Exchange x, Html body, String repository, RefPath at) throws ConsoleApiException {
    body.raw("<form method=\"get\" class=\"refbar\" action=\"/console/repositories/").text(Html.url(repository)).raw("/browse\">")
        .raw("<select name=\"ref\" id=\"ref-selector\">");
    List<String> branches = RepositoryPages.branchNames(x, repository);
    if (!branches.contains(at.ref())) {
      body.raw("<option selected value=\"").text(at.ref()).raw("\">").text(at.ref()).raw("</option>");
    }
    for (String branch : branches) {
      body.raw("<option").raw(branch.equals(at.ref()) ? " selected" : "").raw(" value=\"").text(branch).raw("\">").text(branch).raw("</option>");
    }
    body.raw("</select><button>Switch</button> <span class=\"crumbs\">");
    body.link(browseUrl(repository, at.ref(), ""), repository);
    String sofar = "";
    for (String part : at.path().isEmpty() ? new String[0] : at.path().split("/")) {
      sofar = sofar.isEmpty() ? part : sofar + "/" + part;
      body.raw(" / ").link(browseUrl(repository, at.ref(), sofar), part);
    }
    body.raw("</span></form>");
  }

  private void file(Exchange x, String repository, RefPath at) throws IOException, ConsoleApiException {
    JsonNode out = x.call("GetFile", Exchange.input().put("repositoryName", repository).put("commitSpecifier", at.ref())
        .put("filePath", at.path()));
    byte[] content = Base64.getDecoder().decode(out.path("fileContent").asText(""));
    String base = "/console/repositories/" + Html.url(repository);
    Html body = new Html();
    RepositoryPages.header(body, repository, "code");
    refBar(x, body, repository, at);
    body.raw("<div class=\"file-actions\">").text(content.length + " bytes · ")
        .link(base + "/raw/" + Html.urlPath(at.ref()) + "/" + Html.urlPath(at.path()), "Raw").raw(" · ")
        .link(base + "/history/" + Html.urlPath(at.ref()) + "/" + Html.urlPath(at.path()), "History").raw("</div>");
    if (RawText.isBinary(content)) {
      body.el("p", "class=\"muted\"", "Binary file; see the raw file.");
      x.page(at.path(), body);
      return;
    }
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
    int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    int shown = Math.min(count, Math.max(FILE_LINES_PAGE, x.intParam("lines", FILE_LINES_PAGE)));
    Pattern syntax = Highlighter.forPath(at.path());
    body.raw("<table class=\"source\" id=\"source\"><tbody>");
    for (int i = 0; i < shown; i++) {
      int n = i + 1;
      body.raw("<tr id=\"L").raw(String.valueOf(n)).raw("\"><td class=\"ln\"><a href=\"#L").raw(String.valueOf(n)).raw("\">")
          .raw(String.valueOf(n)).raw("</a></td><td class=\"code\">");
      Highlighter.line(body, lines[i], syntax);
      body.raw("</td></tr>");
    }
    body.raw("</tbody></table>");
    if (shown < count) {
      body.raw("<p class=\"pager\">").text("Showing " + shown + " of " + count + " lines. ")
          .link(browseUrl(repository, at.ref(), at.path()) + "?lines=" + (shown + FILE_LINES_PAGE), "Load more").raw("</p>");
    }
    x.page(at.path(), body);
  }

  /** The file's bytes as text/plain, sandboxed: never interpreted by the browser. */
  void raw(Exchange x, String repository, List<String> tail) throws IOException, ConsoleApiException {
    if (tail.size() < 2) {
      throw new ConsoleServlet.NotFound("Name a ref and a file.");
    }
    RefPath at = resolve(x, repository, tail);
    JsonNode out = x.call("GetFile", Exchange.input().put("repositoryName", repository).put("commitSpecifier", at.ref())
        .put("filePath", at.path()));
    byte[] content = Base64.getDecoder().decode(out.path("fileContent").asText(""));
    x.response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    x.response.setContentType(RawText.isBinary(content) ? "application/octet-stream" : "text/plain; charset=utf-8");
    x.response.setContentLength(content.length);
    x.response.getOutputStream().write(content);
  }

  void history(Exchange x, String repository, List<String> tail) throws IOException, ConsoleApiException {
    if (tail.size() < 2) {
      throw new ConsoleServlet.NotFound("Name a ref and a file.");
    }
    RefPath at = resolve(x, repository, tail);
    ObjectNode input = Exchange.input().put("repositoryName", repository).put("commitSpecifier", at.ref()).put("filePath", at.path())
        .put("maxResults", COMMITS_PAGE);
    if (x.param("next") != null) {
      input.put("nextToken", x.param("next"));
    }
    JsonNode out = x.call("ListFileCommitHistory", input);
    Html body = new Html();
    RepositoryPages.header(body, repository, "code");
    body.raw("<h2>History of ").text(at.path()).raw("</h2><table class=\"list commits\" id=\"file-history\"><tbody>");
    for (JsonNode version : out.path("revisionDag")) {
      commitRow(body, repository, version.path("commit"));
    }
    body.raw("</tbody></table>");
    if (out.hasNonNull("nextToken")) {
      body.raw("<p class=\"pager\">").link("/console/repositories/" + Html.url(repository) + "/history/" + Html.urlPath(at.ref()) + "/"
          + Html.urlPath(at.path()) + "?next=" + Html.url(out.path("nextToken").asText()), "Load more").raw("</p>");
    }
    x.page("History of " + at.path(), body);
  }

  private static void commitRow(Html body, String repository, JsonNode commit) {
    String id = commit.path("commitId").asText();
    String message = commit.path("message").asText("");
    String subject = message.contains("\n") ? message.substring(0, message.indexOf('\n')) : message;
    body.raw("<tr class=\"commit\"><td class=\"mono\">").link("/console/repositories/" + Html.url(repository) + "/commits/" + id, id.substring(0, Math.min(8, id.length())))
        .raw("</td><td class=\"subject\">").text(subject).raw("</td><td>").text(commit.path("author").path("name").asText(""))
        .raw("</td><td class=\"muted\">").text(date(commit.path("author").path("date").asText(""))).raw("</td></tr>");
  }

  /** CodeCommit's {@code "<epoch seconds> <zone>"} as an ISO instant. */
  static String date(String codeCommitDate) {
    long seconds = epoch(codeCommitDate);
    return seconds < 0 ? codeCommitDate : Instant.ofEpochSecond(seconds).toString().replace("T", " ").replace("Z", " UTC");
  }

  private static long epoch(String codeCommitDate) {
    try {
      return Long.parseLong(codeCommitDate.split(" ")[0]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The commit list: newest first by committer date from the ref's commit (or the walk's frontier,
   * passed on as {@code after}), a page at a time through GetCommit.
   */
  void commits(Exchange x, String repository) throws IOException, ConsoleApiException {
    String ref = x.param("ref");
    if (ref == null) {
      ref = defaultBranch(x, repository);
    }
    List<String> start = new ArrayList<>();
    String after = x.param("after");
    if (after != null && !after.isEmpty()) {
      start.addAll(List.of(after.split(",")));
    } else {
      start.add(commitIdOf(x, repository, ref));
    }
    // Newest committer date first; on a tie, the commit found first (nearer the tip) first.
    record Found(JsonNode commit, long date, int order) {}
    Set<String> seen = new HashSet<>();
    PriorityQueue<Found> queue = new PriorityQueue<>(Comparator.comparingLong(Found::date).reversed().thenComparingInt(Found::order));
    for (String id : start) {
      if (seen.add(id)) {
        JsonNode commit = getCommit(x, repository, id);
        queue.add(new Found(commit, epoch(commit.path("committer").path("date").asText("")), seen.size()));
      }
    }
    List<JsonNode> shown = new ArrayList<>();
    while (!queue.isEmpty() && shown.size() < COMMITS_PAGE) {
      JsonNode commit = queue.poll().commit();
      shown.add(commit);
      for (JsonNode parent : commit.path("parents")) {
        if (seen.add(parent.asText())) {
          JsonNode p = getCommit(x, repository, parent.asText());
          queue.add(new Found(p, epoch(p.path("committer").path("date").asText("")), seen.size()));
        }
      }
    }
    Html body = new Html();
    RepositoryPages.header(body, repository, "commits");
    body.raw("<p>Commits of <strong>").text(ref).raw("</strong></p><table class=\"list commits\" id=\"commits\"><tbody>");
    for (JsonNode commit : shown) {
      commitRow(body, repository, commit);
    }
    body.raw("</tbody></table>");
    if (!queue.isEmpty()) {
      List<String> frontier = queue.stream().sorted(queue.comparator()).limit(20).map(f -> f.commit().path("commitId").asText()).toList();
      body.raw("<p class=\"pager\">").link("/console/repositories/" + Html.url(repository) + "/commits?ref=" + Html.url(ref) + "&after="
          + Html.url(String.join(",", frontier)), "Older commits").raw("</p>");
    }
    x.page("Commits of " + repository, body);
  }

  static String commitIdOf(Exchange x, String repository, String ref) throws ConsoleApiException {
    try {
      return x.call("GetBranch", Exchange.input().put("repositoryName", repository).put("branchName", ref)).path("branch").path("commitId").asText();
    } catch (ConsoleApiException e) {
      if (!e.code().equals("BranchDoesNotExistException") && !e.code().equals("InvalidBranchNameException")) {
        throw e;
      }
      return ref;
    }
  }

  private static JsonNode getCommit(Exchange x, String repository, String id) throws ConsoleApiException {
    return x.call("GetCommit", Exchange.input().put("repositoryName", repository).put("commitId", id)).path("commit");
  }

  void commit(Exchange x, String repository, String id) throws IOException, ConsoleApiException {
    JsonNode commit = getCommit(x, repository, id);
    Html body = new Html();
    RepositoryPages.header(body, repository, "commits");
    String message = commit.path("message").asText("");
    body.raw("<div class=\"commit-detail\"><pre class=\"message\" id=\"commit-message\">").text(message).raw("</pre>")
        .raw("<p>").text(commit.path("author").path("name").asText("") + " <" + commit.path("author").path("email").asText("") + "> · "
            + date(commit.path("author").path("date").asText(""))).raw("</p><p class=\"mono\">commit ").text(commit.path("commitId").asText());
    for (JsonNode parent : commit.path("parents")) {
      body.raw(" · parent ").link("/console/repositories/" + Html.url(repository) + "/commits/" + parent.asText(), parent.asText().substring(0, 8));
    }
    body.raw(" · ").link(browseUrl(repository, commit.path("commitId").asText(), ""), "Browse files").raw("</p></div>");
    String parent = commit.path("parents").size() > 0 ? commit.path("parents").get(0).asText() : null;
    List<JsonNode> differences = differences(x, repository, parent, commit.path("commitId").asText());
    int from = x.intParam("from", 0);
    int rest = DiffView.render(x, body, repository, differences, from, DiffView.Lines.NONE);
    if (rest >= 0) {
      body.raw("<p class=\"pager\">").link("/console/repositories/" + Html.url(repository) + "/commits/" + Html.url(id) + "?from=" + rest,
          "Load more changes").raw("</p>");
    }
    x.page("Commit " + id, body);
  }

  /** Every difference between two commits (GetDifferences, all pages). */
  static List<JsonNode> differences(Exchange x, String repository, String before, String after) throws ConsoleApiException {
    List<JsonNode> all = new ArrayList<>();
    String token = null;
    do {
      ObjectNode input = Exchange.input().put("repositoryName", repository).put("afterCommitSpecifier", after).put("MaxResults", 400);
      if (before != null) {
        input.put("beforeCommitSpecifier", before);
      }
      if (token != null) {
        input.put("NextToken", token);
      }
      JsonNode out = x.call("GetDifferences", input);
      out.path("differences").forEach(all::add);
      token = out.hasNonNull("NextToken") ? out.path("NextToken").asText() : null;
    } while (token != null && all.size() < 20_000);
    return all;
  }

  void branches(Exchange x, String repository, boolean post) throws IOException, ConsoleApiException {
    String base = "/console/repositories/" + Html.url(repository) + "/branches";
    if (post) {
      if ("delete".equals(x.param("change"))) {
        x.call("DeleteBranch", Exchange.input().put("repositoryName", repository).put("branchName", x.param("branch", "")));
      } else {
        String from = commitIdOf(x, repository, x.param("from", ""));
        x.call("CreateBranch", Exchange.input().put("repositoryName", repository).put("branchName", x.param("branch", "")).put("commitId", from));
      }
      x.redirect(base);
      return;
    }
    List<String> names = RepositoryPages.branchNames(x, repository);
    int page = x.intParam("page", 0);
    Html body = new Html();
    RepositoryPages.header(body, repository, "branches");
    body.raw("<table class=\"list\" id=\"branches\"><tbody>");
    for (String name : names.subList(Math.min(names.size(), page * 100), Math.min(names.size(), (page + 1) * 100))) {
      String commit = x.call("GetBranch", Exchange.input().put("repositoryName", repository).put("branchName", name)).path("branch").path("commitId").asText();
      body.raw("<tr><td>").link(browseUrl(repository, name, ""), name).raw("</td><td class=\"mono\">")
          .link("/console/repositories/" + Html.url(repository) + "/commits?ref=" + Html.url(name), commit.substring(0, Math.min(8, commit.length())))
          .raw("</td><td>").raw(x.formStart(base)).hidden("change", "delete").hidden("branch", name)
          .raw("<button class=\"link danger\">Delete</button></form></td></tr>");
    }
    body.raw("</tbody></table>");
    pager(body, base, page, names.size(), 100, "branches");
    body.raw("<h2>Create branch</h2>").raw(x.formStart(base)).raw("<div class=\"row\"><label>Name <input name=\"branch\" id=\"new-branch\" required></label>")
        .raw("<label>From <input name=\"from\" id=\"new-branch-from\" list=\"branch-names\" required></label><button id=\"create-branch\">Create</button></div></form>");
    body.raw("<datalist id=\"branch-names\">");
    names.forEach(n -> body.raw("<option value=\"").text(n).raw("\">"));
    body.raw("</datalist>");
    body.raw("<h2>Compare</h2><form method=\"get\" action=\"/console/repositories/").text(Html.url(repository)).raw("/compare\" class=\"row\">")
        .raw("<label>Destination <input name=\"destination\" id=\"compare-destination\" list=\"branch-names\" required></label>")
        .raw("<label>Source <input name=\"source\" id=\"compare-source\" list=\"branch-names\" required></label><button id=\"compare\">Compare</button></form>");
    x.page("Branches of " + repository, body);
  }
}
