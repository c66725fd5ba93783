package io.commitd.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: 200 when the server has finished starting and the database and storage are
 * usable, 503 otherwise. The HTTP port opens before SSH and the outbox dispatcher have started: until
 * they have, the answer is 503 {@code STARTING}, so whoever waits for health may use every port.
 */
public final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient BooleanSupplier started;
  private final transient BooleanSupplier databaseUsable;
  private final transient BooleanSupplier storageUsable;

  public HealthServlet(BooleanSupplier started, BooleanSupplier databaseUsable, BooleanSupplier storageUsable) {
    this.started = started;
    this.databaseUsable = databaseUsable;
    this.storageUsable = storageUsable;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean database = databaseUsable.getAsBoolean();
    boolean storage = storageUsable.getAsBoolean();
    String status = !started.getAsBoolean() ? "STARTING" : database && storage ? "UP" : "DOWN";
    response.setStatus("UP".equals(status) ? 200 : 503);
    response.setContentType("application/json");
    response.getWriter()
        .write("{\"status\":\"" + status + "\",\"database\":" + database + ",\"storage\":" + storage + "}");
  }
}
