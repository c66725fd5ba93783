package io.commitd.server.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty on one port, serving the servlets it is given by path. */
public final class HttpServer implements AutoCloseable {
  private final Server jetty;
  private final ServerConnector connector;

  private HttpServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  /** Collects servlets by path spec before starting. */
  public static final class Builder {
    private final Map<String, jakarta.servlet.Servlet> servlets = new LinkedHashMap<>();
    private final Map<String, Filter> filters = new LinkedHashMap<>();
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    /** How long a stop waits for requests in flight (a clone, an API call) before it ends them. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    public Builder serve(String pathSpec, jakarta.servlet.Servlet servlet) {
      servlets.put(pathSpec, servlet);
      return this;
    }

    public Builder filter(String pathSpec, Filter filter) {
      filters.put(pathSpec, filter);
      return this;
    }

    public HttpServer start(String bindAddress, int port) throws Exception {
      QueuedThreadPool threads = new QueuedThreadPool(200, 8);
      threads.setName("commitd-http");
      Server jetty = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      // SigV4 signs header values byte for byte; Jetty's header cache would otherwise hand us its
      // own spelling of common values ("charset=UTF-8" for the CLI's "charset=utf-8").
      http.setHeaderCacheCaseSensitive(true);
      http.setSendServerVersion(false);
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(bindAddress);
      connector.setPort(port);
      // While stopping, a slow client's clone must not be cut by a short idle timeout (Jetty's is 1 s).
      connector.setShutdownIdleTimeout(connector.getIdleTimeout());
      jetty.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
      filters.forEach((path, filter) -> context.addFilter(new FilterHolder(filter), path, EnumSet.of(DispatcherType.REQUEST)));
      // A stop first closes the port, then waits for the requests in flight, then ends the rest.
      StatisticsHandler statistics = new StatisticsHandler(new GracefulHandler(context));
      jetty.setHandler(statistics);
      jetty.setStopTimeout(shutdownTimeout.toMillis());
      jetty.setStopAtShutdown(false);
      jetty.start();
      return new HttpServer(jetty, connector);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop cleanly", e);
    }
  }
}
