package io.commitd.server.console;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Document;

/** The signed-in caller's account page: who they are, and their own console password (IAM ChangePassword). */
final class AccountPages {
  private AccountPages() {}

  static void route(Exchange x, boolean post) throws IOException, ConsoleApiException {
    if (post) {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("OldPassword", x.param("oldPassword", ""));
      parameters.put("NewPassword", x.param("newPassword", ""));
      x.iam("ChangePassword", parameters);
      x.redirect(ConsoleServlet.safeNext(x.param("next")));
      return;
    }
    Html body = new Html().el("h1", "", "Account");
    body.raw("<p>Signed in as <span class=\"mono\" id=\"principal-arn\">").text(x.caller().principalArn()).raw("</span>")
        .raw(x.caller().mfaPresent() ? " with MFA" : "").raw("</p>");
    if (x.param("reset") != null) {
      body.el("p", "class=\"error\"", "Your password must be changed before you continue.");
    }
    if (!x.caller().isRoot()) {
      body.raw("<h2>Change password</h2>").raw(x.formStart("/console/account")).hidden("next", x.param("next", "/console/repositories"))
          .raw("<label>Current password <input type=\"password\" name=\"oldPassword\" autocomplete=\"current-password\" required></label>")
          .raw("<label>New password <input type=\"password\" name=\"newPassword\" autocomplete=\"new-password\" required></label>")
          .raw("<button>Change password</button></form>");
    }
    try {
      Document policy = x.iam("GetAccountPasswordPolicy", Map.of());
      body.raw("<h2>Password policy</h2><p>").text("At least " + ConsoleApi.first(policy, "MinimumPasswordLength") + " characters.").raw("</p>");
    } catch (ConsoleApiException e) {
      if (!e.code().equals("NoSuchEntity") && !e.isAccessDenied()) {
        throw e;
      }
    }
    x.page("Account", body);
  }
}
