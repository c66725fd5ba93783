package io.commitd.server.codecommit;

import io.commitd.server.api.ApiCall;
import java.net.URI;
import java.util.function.IntSupplier;

/**
 * The clone URLs of a repository: under the configured public URL when there is one (behind a
 * reverse proxy), else as seen from the client that asked — the scheme and host of the request
 * (a trusted proxy's forwarded ones included) — and for SSH the same host with the SSH port.
 */
public final class CloneUrls {
  private final IntSupplier sshPort;
  private final URI publicUrl;

  public CloneUrls(IntSupplier sshPort) {
    this(sshPort, null);
  }

  public CloneUrls(IntSupplier sshPort, URI publicUrl) {
    this.sshPort = sshPort;
    this.publicUrl = publicUrl;
  }

  public String http(ApiCall call, String name) {
    if (publicUrl != null) {
      String base = publicUrl.toString();
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/repos/" + name;
    }
    return call.scheme() + "://" + call.host() + "/v1/repos/" + name;
  }

  /** The SSH URL, or null when SSH is disabled. */
  public String ssh(ApiCall call, String name) {
    int port = sshPort.getAsInt();
    if (port <= 0) {
      return null;
    }
    String host = publicUrl != null ? publicUrl.getHost() : hostWithoutPort(call.host());
    return "ssh://" + host + (port == 22 ? "" : ":" + port) + "/v1/repos/" + name;
  }

  static String hostWithoutPort(String host) {
    if (host == null) {
      return "localhost";
    }
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(0, end + 1) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon > 0 ? host.substring(0, colon) : host;
  }
}
