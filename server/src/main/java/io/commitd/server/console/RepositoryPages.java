package io.commitd.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Repositories: the list, creation, the overview with clone URLs, and settings. */
final class RepositoryPages {

  void list(Exchange x) throws IOException, ConsoleApiException {
    ObjectNode input = Exchange.input().put("sortBy", "repositoryName").put("order", "ascending");
    String token = x.param("next");
    if (token != null) {
      input.put("nextToken", token);
    }
    JsonNode out = x.call("ListRepositories", input);
    Html body = new Html().el("h1", "", "Repositories");
    body.raw("<table class=\"list\" id=\"repositories\"><thead><tr><th>Name</th><th>ID</th></tr></thead><tbody>");
    for (JsonNode repository : out.path("repositories")) {
      String name = repository.path("repositoryName").asText();
      body.raw("<tr><td>").link("/console/repositories/" + Html.url(name), name).raw("</td><td class=\"mono\">")
          .text(repository.path("repositoryId").asText()).raw("</td></tr>");
    }
    body.raw("</tbody></table>");
    if (out.hasNonNull("nextToken")) {
      body.raw("<p>").link("/console/repositories?next=" + Html.url(out.path("nextToken").asText()), "More repositories").raw("</p>");
    }
    body.raw("<h2>Create repository</h2>").raw(x.formStart("/console/repositories")).raw("<div class=\"row\">")
        .raw("<label>Name <input name=\"repositoryName\" id=\"new-repository-name\" required pattern=\"[\\w.-]{1,100}\"></label>")
        .raw("<label>Description <input name=\"repositoryDescription\" id=\"new-repository-description\"></label>")
        .raw("<button id=\"create-repository\">Create</button></div></form>");
    x.page("Repositories", body);
  }

  void create(Exchange x) throws IOException, ConsoleApiException {
    ObjectNode input = Exchange.input().put("repositoryName", x.param("repositoryName", ""));
    String description = x.param("repositoryDescription");
    if (description != null && !description.isBlank()) {
      input.put("repositoryDescription", description);
    }
    JsonNode out = x.call("CreateRepository", input);
    x.redirect("/console/repositories/" + Html.url(out.path("repositoryMetadata").path("repositoryName").asText()));
  }

  /** Overview: description, clone URLs, default branch, links to code, commits, branches, pull requests. */
  void overview(Exchange x, String name) throws IOException, ConsoleApiException {
    JsonNode metadata = x.call("GetRepository", Exchange.input().put("repositoryName", name)).path("repositoryMetadata");
    Html body = new Html();
    header(body, name, "overview");
    String description = metadata.path("repositoryDescription").asText("");
    body.el("p", "class=\"description\" id=\"repository-description\"", description.isEmpty() ? "No description." : description);
    body.raw("<h2>Clone</h2><div class=\"clone\">");
    cloneUrl(body, "HTTPS", "clone-https", metadata.path("cloneUrlHttp").asText());
    cloneUrl(body, "SSH", "clone-ssh", metadata.path("cloneUrlSsh").asText());
    body.raw("</div>");
    String defaultBranch = metadata.path("defaultBranch").asText("");
    if (defaultBranch.isEmpty()) {
      body.el("p", "class=\"muted\" id=\"empty-repository\"", "This repository is empty. Push a first commit with git to see its code here.");
    } else {
      body.raw("<p>Default branch: ").link(CodePages.browseUrl(name, defaultBranch, ""), defaultBranch).raw("</p>");
    }
    x.page(name, body);
  }

  private static void cloneUrl(Html body, String label, String id, String url) {
    body.raw("<div class=\"clone-url\"><span class=\"label\">").text(label).raw("</span><input readonly id=\"").raw(id).raw("\" value=\"")
        .text(url).raw("\"><button type=\"button\" class=\"copy\" data-copy=\"").raw(id).raw("\">Copy</button></div>");
  }

  /** The tabs every repository page shows. */
  static void header(Html body, String name, String active) {
    String base = "/console/repositories/" + Html.url(name);
    body.raw("<h1 class=\"repository\">").link(base, name).raw("</h1><nav class=\"tabs\">");
    tab(body, base, "Overview", active.equals("overview"));
    tab(body, base + "/browse", "Code", active.equals("code"));
    tab(body, base + "/commits", "Commits", active.equals("commits"));
    tab(body, base + "/branches", "Branches", active.equals("branches"));
    tab(body, base + "/pull-requests", "Pull requests", active.equals("pull-requests"));
    tab(body, base + "/settings", "Settings", active.equals("settings"));
    body.raw("</nav>");
  }

  private static void tab(Html body, String href, String label, boolean active) {
    body.raw("<a href=\"").text(href).raw("\"").raw(active ? " class=\"active\"" : "").raw(">").text(label).raw("</a>");
  }

  void settings(Exchange x, String name, boolean post) throws IOException, ConsoleApiException {
    if (post) {
      changeSettings(x, name);
      return;
    }
    JsonNode metadata = x.call("GetRepository", Exchange.input().put("repositoryName", name)).path("repositoryMetadata");
    String arn = metadata.path("Arn").asText();
    String base = "/console/repositories/" + Html.url(name) + "/settings";
    Html body = new Html();
    header(body, name, "settings");
    body.raw("<h2>Description</h2>").raw(x.formStart(base)).hidden("change", "description")
        .raw("<textarea name=\"description\" id=\"settings-description\" rows=\"3\">").text(metadata.path("repositoryDescription").asText(""))
        .raw("</textarea><button id=\"save-description\">Save description</button></form>");
    body.raw("<h2>Default branch</h2>");
    List<String> branches = branchNames(x, name);
    if (branches.isEmpty()) {
      body.el("p", "class=\"muted\"", "No branches yet.");
    } else {
      body.raw(x.formStart(base)).hidden("change", "default-branch").raw("<select name=\"defaultBranch\" id=\"default-branch\">");
      String current = metadata.path("defaultBranch").asText("");
      for (String branch : branches) {
        body.raw("<option").raw(branch.equals(current) ? " selected" : "").raw(" value=\"").text(branch).raw("\">").text(branch).raw("</option>");
      }
      body.raw("</select><button>Save default branch</button></form>");
    }
    body.raw("<h2>Tags</h2><table class=\"list\" id=\"repository-tags\"><tbody>");
    JsonNode tags = x.call("ListTagsForResource", Exchange.input().put("resourceArn", arn)).path("tags");
    tags.fields().forEachRemaining(tag -> {
      body.raw("<tr><td>").text(tag.getKey()).raw("</td><td>").text(tag.getValue().asText()).raw("</td><td>").raw(x.formStart(base))
          .hidden("change", "untag").hidden("key", tag.getKey()).raw("<button class=\"link\">Remove</button></form></td></tr>");
    });
    body.raw("</tbody></table>").raw(x.formStart(base)).hidden("change", "tag")
        .raw("<div class=\"row\"><label>Key <input name=\"key\" required></label><label>Value <input name=\"value\"></label><button>Add tag</button></div></form>");
    body.raw("<h2>Approval rule templates</h2><ul id=\"associated-templates\">");
    JsonNode associated = x.call("ListAssociatedApprovalRuleTemplatesForRepository", Exchange.input().put("repositoryName", name))
        .path("approvalRuleTemplateNames");
    for (JsonNode template : associated) {
      body.raw("<li>").link("/console/approval-rule-templates/" + Html.url(template.asText()), template.asText()).raw(" ")
          .raw(x.formStart(base)).hidden("change", "disassociate").hidden("template", template.asText())
          .raw("<button class=\"link\">Disassociate</button></form></li>");
    }
    body.raw("</ul>").raw(x.formStart(base)).hidden("change", "associate")
        .raw("<div class=\"row\"><label>Template name <input name=\"template\" required></label><button>Associate</button></div></form>");
    body.raw("<h2>Triggers</h2><p class=\"muted\">Repository triggers are configured with <code>aws codecommit put-repository-triggers</code>.</p>");
    body.raw("<h2 class=\"danger\">Delete repository</h2>").raw(x.formStart(base)).hidden("change", "delete")
        .raw("<label>Type the repository name to confirm <input name=\"confirm\"></label><button class=\"danger\">Delete repository</button></form>");
    x.page(name + " settings", body);
  }

  private void changeSettings(Exchange x, String name) throws IOException, ConsoleApiException {
    String back = "/console/repositories/" + Html.url(name) + "/settings";
    switch (x.param("change", "")) {
      case "description" -> x.call("UpdateRepositoryDescription",
          Exchange.input().put("repositoryName", name).put("repositoryDescription", x.param("description", "")));
      case "default-branch" -> x.call("UpdateDefaultBranch",
          Exchange.input().put("repositoryName", name).put("defaultBranchName", x.param("defaultBranch", "")));
      case "tag", "untag" -> {
        String arn = x.call("GetRepository", Exchange.input().put("repositoryName", name)).path("repositoryMetadata").path("Arn").asText();
        if (x.param("change").equals("tag")) {
          ObjectNode input = Exchange.input().put("resourceArn", arn);
          input.putObject("tags").put(x.param("key", ""), x.param("value", ""));
          x.call("TagResource", input);
        } else {
          ObjectNode input = Exchange.input().put("resourceArn", arn);
          input.putArray("tagKeys").add(x.param("key", ""));
          x.call("UntagResource", input);
        }
      }
      case "associate" -> x.call("AssociateApprovalRuleTemplateWithRepository",
          Exchange.input().put("repositoryName", name).put("approvalRuleTemplateName", x.param("template", "")));
      case "disassociate" -> x.call("DisassociateApprovalRuleTemplateFromRepository",
          Exchange.input().put("repositoryName", name).put("approvalRuleTemplateName", x.param("template", "")));
      case "delete" -> {
        if (!name.equals(x.param("confirm"))) {
          throw new ConsoleServlet.NotFound("Type the repository name to confirm its deletion.");
        }
        x.call("DeleteRepository", Exchange.input().put("repositoryName", name));
        x.redirect("/console/repositories");
        return;
      }
      default -> throw new ConsoleServlet.NotFound("Unknown setting.");
    }
    x.redirect(back);
  }

  /** Every branch name of a repository, through ListBranches' pages. */
  static List<String> branchNames(Exchange x, String name) throws ConsoleApiException {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      ObjectNode input = Exchange.input().put("repositoryName", name);
      if (token != null) {
        input.put("nextToken", token);
      }
      JsonNode out = x.call("ListBranches", input);
      out.path("branches").forEach(b -> names.add(b.asText()));
      token = out.hasNonNull("nextToken") ? out.path("nextToken").asText() : null;
    } while (token != null && names.size() < 10_000);
    names.sort(null);
    return names;
  }
}
