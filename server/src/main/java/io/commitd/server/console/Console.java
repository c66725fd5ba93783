package io.commitd.server.console;

import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.identity.CredentialStore;
import io.commitd.iam.identity.IdentityStore;
import io.commitd.iam.identity.LoginProfiles;
import io.commitd.server.api.FrontDoor;
import io.commitd.storage.db.Sql;
import java.time.Clock;

/** Builds the console from what the server already has: its front doors, identities and database. */
public final class Console {
  private Console() {}

  /** The servlet to serve at {@code /console} and {@code /console/*}. */
  public static ConsoleServlet servlet(FrontDoor<?> codeCommit, FrontDoor<?> query, AccessControl access, Sql sql,
      IdentityStore identities, LoginProfiles loginProfiles, CredentialStore credentials, String rootAccessKeyId,
      String rootSecret, String accountId, Clock clock) {
    return new ConsoleServlet(
        new ConsoleApi(codeCommit, query, access),
        new ConsoleSessions(sql, identities),
        new SignIn(identities, loginProfiles, credentials, rootAccessKeyId, rootSecret),
        clock,
        accountId);
  }
}
