package io.commitd.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Hand-made SigV4 requests, signed by the SDK's own signer, for what no client sends on its own:
 * a signature scoped to the wrong service, or a request as a reverse proxy forwards it (signed for
 * the public host, sent to the server's address with {@code X-Forwarded-*}).
 */
public final class SignedHttp {
  private SignedHttp() {}

  /**
   * POSTs {@code body} to {@code server}, signed as if sent to {@code signedFor} with the given
   * scope; {@code extraHeaders} are added unsigned (as a proxy adds them).
   */
  public static HttpResponse<String> post(URI server, URI signedFor, String service, String region, String accessKeyId, String secret,
      Map<String, String> signedHeaders, String body, Map<String, String> extraHeaders) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(signedFor.resolve("/"));
    signedHeaders.forEach(request::putHeader);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsBasicCredentials.create(accessKeyId, secret))
        .request(request.build())
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve("/")).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    signed.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Host")) {
        values.forEach(v -> builder.header(name, v));
      }
    });
    extraHeaders.forEach(builder::header);
    try {
      return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
