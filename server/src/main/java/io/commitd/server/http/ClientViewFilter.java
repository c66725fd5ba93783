package io.commitd.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Makes every servlet see a request as its client made it. A request from a trusted reverse
 * proxy has its client's address ({@code X-Forwarded-For}, the address the proxy received it
 * from), scheme ({@code X-Forwarded-Proto}) and Host ({@code X-Forwarded-Host}) — the Host the
 * client sent, which is what its SigV4 signature and its git password sign. A request from anyone
 * else is taken as it arrived: forwarded headers from untrusted addresses are ignored, so no client
 * can claim another address, TLS, or host.
 */
public final class ClientViewFilter implements Filter {
  private final TrustedProxies proxies;

  public ClientViewFilter(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (!proxies.trusts(http.getRemoteAddr())) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new Forwarded(http, proxies), response);
  }

  /** The request as the client of a trusted proxy made it. */
  static final class Forwarded extends HttpServletRequestWrapper {
    private final String remoteAddress;
    private final String scheme;
    private final String host;

    Forwarded(HttpServletRequest request, TrustedProxies proxies) {
      super(request);
      this.remoteAddress = clientAddress(request, proxies);
      String proto = first(request.getHeader("X-Forwarded-Proto"));
      this.scheme = proto == null ? request.getScheme() : proto.toLowerCase(Locale.ROOT);
      String forwardedHost = first(request.getHeader("X-Forwarded-Host"));
      this.host = forwardedHost == null ? request.getHeader("Host") : forwardedHost;
    }

    /**
     * The right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy: each
     * proxy appends the address it received the request from, so addresses left of the first
     * untrusted one may be whatever the client wrote.
     */
    private static String clientAddress(HttpServletRequest request, TrustedProxies proxies) {
      String header = request.getHeader("X-Forwarded-For");
      if (header == null) {
        return request.getRemoteAddr();
      }
      List<String> hops = new ArrayList<>();
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
      for (int i = hops.size() - 1; i >= 0; i--) {
        if (TrustedProxies.literal(hops.get(i)).length == 0) {
          return request.getRemoteAddr();
        }
        if (!proxies.trusts(hops.get(i)) || i == 0) {
          return hops.get(i);
        }
      }
      return request.getRemoteAddr();
    }

    private static String first(String value) {
      if (value == null) {
        return null;
      }
      String first = value.split(",")[0].trim();
      return first.isEmpty() ? null : first;
    }

    @Override
    public String getRemoteAddr() {
      return remoteAddress;
    }

    @Override
    public String getRemoteHost() {
      return remoteAddress;
    }

    @Override
    public String getScheme() {
      return scheme;
    }

    @Override
    public boolean isSecure() {
      return scheme.equals("https");
    }

    @Override
    public String getServerName() {
      if (host == null) {
        return super.getServerName();
      }
      if (host.startsWith("[")) {
        int end = host.indexOf(']');
        return end > 0 ? host.substring(0, end + 1) : host;
      }
      int colon = host.lastIndexOf(':');
      return colon > 0 ? host.substring(0, colon) : host;
    }

    @Override
    public String getHeader(String name) {
      return name.equalsIgnoreCase("Host") && host != null ? host : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return name.equalsIgnoreCase("Host") && host != null ? Collections.enumeration(List.of(host)) : super.getHeaders(name);
    }
  }
}
