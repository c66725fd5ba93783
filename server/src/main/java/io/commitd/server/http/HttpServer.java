package io.commitd.server.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.security.KeyStore;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty on one port, serving the servlets it is given by path: HTTPS only when given a TLS
 * identity (a plain-HTTP request on that port fails its handshake), plain HTTP otherwise.
 */
public final class HttpServer implements AutoCloseable {
  /** How long a request waits for its turn under {@link Builder#limitConcurrentRequests} before a 503. */
  public static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

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
    private KeyStore tlsIdentity;
    private TrustedProxies proxies = TrustedProxies.of(java.util.List.of());
    private int maxConcurrentRequests;
    private String[] unlimitedPaths = {};

    /** Serves HTTPS only, with the key and certificate chain in {@code identity} (see {@link PemKeys}). */
    public Builder tls(KeyStore identity) {
      this.tlsIdentity = identity;
      return this;
    }

    /** Believes {@code X-Forwarded-*} from these proxies, for every servlet (see {@link ClientViewFilter}). */
    public Builder trustedProxies(TrustedProxies trusted) {
      this.proxies = trusted;
      return this;
    }

    private Duration shutdownTimeout = Duration.ofSeconds(5);

    /** How long a stop waits for requests in flight (a clone, an API call) before it ends them. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * Handles at most {@code max} requests at once, except on {@code unlimitedPaths}; the others wait
     * in arrival order, suspended (no thread held), for up to {@link #LONGEST_WAIT}, then get 503.
     * On a saturated machine a handful of calls sharing the cores finish sooner than dozens
     * preempting each other: answers come steadier and more of them. Zero means no limit.
     */
    public Builder limitConcurrentRequests(int max, String... unlimitedPaths) {
      this.maxConcurrentRequests = max;
      this.unlimitedPaths = unlimitedPaths.clone();
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
      // Jetty caches header lines per connection to reuse their parsed form on the next request.
      // Ours carry SigV4 signatures and dates, new on every call: they all missed, and once the cache
      // was full each request cleared it and built it again (5 % of the request threads' CPU in a
      // profile of signed calls, too little to move calls/s beyond the noise).
      http.setHeaderCacheSize(0);
      http.setSendServerVersion(false);
      ServerConnector connector;
      if (tlsIdentity == null) {
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      } else {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(tlsIdentity);
        tls.setKeyStorePassword(new String(PemKeys.PASSWORD));
        tls.setCertAlias(PemKeys.ALIAS);
        // TLS 1.2 and 1.3 only, with Jetty's exclusions of weak cipher suites (its defaults).
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients may reach the server by an address the certificate does not name (a test's
        // 127.0.0.1); verifying the name is the client's job, not the server's.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
      }
      connector.setHost(bindAddress);
      connector.setPort(port);
      // While stopping, a slow client's clone must not be cut by a short idle timeout (Jetty's is 1 s).
      connector.setShutdownIdleTimeout(connector.getIdleTimeout());
      jetty.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
      if (!proxies.isEmpty()) {
        // First of all filters, so that authentication already sees the client's view.
        context.addFilter(new FilterHolder(new ClientViewFilter(proxies)), "/*", EnumSet.of(DispatcherType.REQUEST));
      }
      filters.forEach((path, filter) -> context.addFilter(new FilterHolder(filter), path, EnumSet.of(DispatcherType.REQUEST)));
      // A stop first closes the port, then waits for the requests in flight, then ends the rest.
      StatisticsHandler statistics = new StatisticsHandler(new GracefulHandler(limited(context)));
      jetty.setHandler(statistics);
      jetty.setStopTimeout(shutdownTimeout.toMillis());
      jetty.setStopAtShutdown(false);
      jetty.start();
      return new HttpServer(jetty, connector);
    }

    private Handler limited(Handler handler) {
      if (maxConcurrentRequests <= 0) {
        return handler;
      }
      QoSHandler limit = new QoSHandler(handler);
      limit.setMaxRequestCount(maxConcurrentRequests);
      limit.setMaxSuspend(LONGEST_WAIT);
      if (unlimitedPaths.length > 0) {
        limit.excludePath(unlimitedPaths);
      }
      return limit;
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
