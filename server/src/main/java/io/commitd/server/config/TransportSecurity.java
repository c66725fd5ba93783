package io.commitd.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How clients reach the server safely: TLS on the HTTP port from PEM files, the public URL users
 * see behind a reverse proxy, and the proxies whose {@code X-Forwarded-*} headers are believed.
 *
 * @param tlsCertFile PEM certificate chain (server certificate first), or null for plain HTTP
 * @param tlsKeyFile PEM private key (PKCS#8, or traditional RSA/EC as openssl writes them), or null
 * @param publicUrl the URL clients use ({@code https://git.example.com}), or null to answer with
 *     the scheme and Host of each request
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For},
 *     {@code -Proto} and {@code -Host} headers are trusted; empty trusts none
 */
public record TransportSecurity(Path tlsCertFile, Path tlsKeyFile, URI publicUrl, List<String> trustedProxies) {

  public TransportSecurity {
    trustedProxies = List.copyOf(trustedProxies);
    if ((tlsCertFile == null) != (tlsKeyFile == null)) {
      throw new ConfigValidator.InvalidSettingException(tlsCertFile == null ? "COMMITD_TLS_CERT_FILE" : "COMMITD_TLS_KEY_FILE",
          "set both COMMITD_TLS_CERT_FILE and COMMITD_TLS_KEY_FILE, or neither");
    }
    if (publicUrl != null && (!List.of("http", "https").contains(publicUrl.getScheme()) || publicUrl.getHost() == null)) {
      throw new ConfigValidator.InvalidSettingException("COMMITD_PUBLIC_URL", "'" + publicUrl + "' is not an http(s) URL");
    }
  }

  /** Plain HTTP, no proxy: what tests and a laptop run with. */
  public static TransportSecurity none() {
    return new TransportSecurity(null, null, null, List.of());
  }

  public static TransportSecurity tls(Path certFile, Path keyFile) {
    return new TransportSecurity(certFile, keyFile, null, List.of());
  }

  public TransportSecurity behindProxy(URI url, List<String> proxies) {
    return new TransportSecurity(tlsCertFile, tlsKeyFile, url, proxies);
  }

  public boolean tlsEnabled() {
    return tlsCertFile != null;
  }
}
