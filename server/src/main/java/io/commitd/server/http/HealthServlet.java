package io.commitd.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** {@code GET /health}: 200 when the database and storage are usable, 503 otherwise. */
public final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient BooleanSupplier databaseUsable;
  private final transient BooleanSupplier storageUsable;

  public HealthServlet(BooleanSupplier databaseUsable, BooleanSupplier storageUsable) {
    this.databaseUsable = databaseUsable;
    this.storageUsable = storageUsable;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean database = databaseUsable.getAsBoolean();
    boolean storage = storageUsable.getAsBoolean();
    response.setStatus(database && storage ? 200 : 503);
    response.setContentType("application/json");
    response.getWriter()
        .write("{\"status\":\"" + (database && storage ? "UP" : "DOWN") + "\",\"database\":" + database
            + ",\"storage\":" + storage + "}");
  }
}
