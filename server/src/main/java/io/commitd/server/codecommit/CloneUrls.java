package io.commitd.server.codecommit;

import io.commitd.server.api.ApiCall;
import java.util.function.IntSupplier;

/**
 * The clone URLs of a repository, as seen from the client that asked: the HTTP URL uses the host
 * and scheme of the request, the SSH URL the same host and the SSH port.
 */
public final class CloneUrls {
  private final IntSupplier sshPort;

  public CloneUrls(IntSupplier sshPort) {
    this.sshPort = sshPort;
  }

  public String http(ApiCall call, String name) {
    return call.scheme() + "://" + call.host() + "/v1/repos/" + name;
  }

  /** The SSH URL, or null when SSH is disabled. */
  public String ssh(ApiCall call, String name) {
    int port = sshPort.getAsInt();
    if (port <= 0) {
      return null;
    }
    return "ssh://" + hostWithoutPort(call.host()) + (port == 22 ? "" : ":" + port) + "/v1/repos/" + name;
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
