package io.commitd.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/** Approval rule templates: list, create, detail with the repositories they apply to, delete. */
final class TemplatePages {
  private static final String BASE = "/console/approval-rule-templates";

  void route(Exchange x, boolean post, List<String> rest) throws IOException, ConsoleApiException {
    if (rest.isEmpty()) {
      if (post) {
        ObjectNode input = Exchange.input().put("approvalRuleTemplateName", x.param("name", ""))
            .put("approvalRuleTemplateContent", x.param("content", ""));
        if (!x.param("description", "").isEmpty()) {
          input.put("approvalRuleTemplateDescription", x.param("description"));
        }
        x.call("CreateApprovalRuleTemplate", input);
        x.redirect(BASE + "/" + Html.url(x.param("name", "")));
      } else {
        list(x);
      }
      return;
    }
    String name = rest.get(0);
    if (post) {
      switch (x.param("change", "")) {
        case "delete" -> {
          x.call("DeleteApprovalRuleTemplate", Exchange.input().put("approvalRuleTemplateName", name));
          x.redirect(BASE);
          return;
        }
        case "associate" -> x.call("AssociateApprovalRuleTemplateWithRepository",
            Exchange.input().put("approvalRuleTemplateName", name).put("repositoryName", x.param("repository", "")));
        case "disassociate" -> x.call("DisassociateApprovalRuleTemplateFromRepository",
            Exchange.input().put("approvalRuleTemplateName", name).put("repositoryName", x.param("repository", "")));
        default -> throw new ConsoleServlet.NotFound("Unknown template change.");
      }
      x.redirect(BASE + "/" + Html.url(name));
      return;
    }
    detail(x, name);
  }

  private void list(Exchange x) throws IOException, ConsoleApiException {
    ObjectNode input = Exchange.input();
    if (x.param("next") != null) {
      input.put("nextToken", x.param("next"));
    }
    JsonNode out = x.call("ListApprovalRuleTemplates", input);
    Html body = new Html().el("h1", "", "Approval rule templates").raw("<ul id=\"templates\">");
    for (JsonNode name : out.path("approvalRuleTemplateNames")) {
      body.raw("<li>").link(BASE + "/" + Html.url(name.asText()), name.asText()).raw("</li>");
    }
    body.raw("</ul>");
    if (out.hasNonNull("nextToken")) {
      body.raw("<p>").link(BASE + "?next=" + Html.url(out.path("nextToken").asText()), "More").raw("</p>");
    }
    body.raw("<h2>Create template</h2>").raw(x.formStart(BASE)).raw("<label>Name <input name=\"name\" required></label>")
        .raw("<label>Description <input name=\"description\"></label><label>Content <textarea name=\"content\" rows=\"6\">")
        .text("{\"Version\": \"2018-11-08\", \"DestinationReferences\": [\"refs/heads/main\"], \"Statements\": [{\"Type\": \"Approvers\", \"NumberOfApprovalsNeeded\": 1}]}")
        .raw("</textarea></label><button>Create template</button></form>");
    x.page("Approval rule templates", body);
  }

  private void detail(Exchange x, String name) throws IOException, ConsoleApiException {
    JsonNode template = x.call("GetApprovalRuleTemplate", Exchange.input().put("approvalRuleTemplateName", name)).path("approvalRuleTemplate");
    JsonNode repositories = x.call("ListRepositoriesForApprovalRuleTemplate", Exchange.input().put("approvalRuleTemplateName", name))
        .path("repositoryNames");
    String self = BASE + "/" + Html.url(name);
    Html body = new Html().el("h1", "", name).el("p", "", template.path("approvalRuleTemplateDescription").asText(""))
        .raw("<pre class=\"rule-content\">").text(template.path("approvalRuleTemplateContent").asText()).raw("</pre><h2>Repositories</h2><ul>");
    for (JsonNode repository : repositories) {
      body.raw("<li>").link("/console/repositories/" + Html.url(repository.asText()), repository.asText()).raw(" ").raw(x.formStart(self))
          .hidden("change", "disassociate").hidden("repository", repository.asText()).raw("<button class=\"link\">Disassociate</button></form></li>");
    }
    body.raw("</ul>").raw(x.formStart(self)).hidden("change", "associate")
        .raw("<div class=\"row\"><label>Repository <input name=\"repository\" required></label><button>Associate</button></div></form>")
        .raw(x.formStart(self)).hidden("change", "delete").raw("<button class=\"danger\">Delete template</button></form>");
    x.page(name, body);
  }
}
