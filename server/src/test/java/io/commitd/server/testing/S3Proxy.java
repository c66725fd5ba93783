package io.commitd.server.testing;

import io.commitd.server.config.StorageConfig;
import io.commitd.server.storage.StorageEngines;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FileUtils;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API (S3Proxy on its filesystem backend) in its own JVM, with one bucket: the object
 * store a cluster of test nodes shares. The jar is copied to {@code target/s3proxy} by the build.
 */
public final class S3Proxy implements AutoCloseable {
  public static final String BUCKET = "commitd-packs";
  public static final String IDENTITY = "local-identity";
  public static final String CREDENTIAL = "local-credential";

  private final Process process;
  private final Path directory;
  private final URI endpoint;

  private S3Proxy(Process process, Path directory, URI endpoint) {
    this.process = process;
    this.directory = directory;
    this.endpoint = endpoint;
  }

  /** Starts S3Proxy and creates {@link #BUCKET}. */
  public static S3Proxy start() throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("s3proxy-");
    Path data = Files.createDirectories(directory.resolve("data"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path properties = directory.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + IDENTITY,
        "s3proxy.credential=" + CREDENTIAL,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data,
        ""));
    String jar = System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(Paths.get(jar))) {
      throw new IllegalStateException("S3Proxy jar missing (run through Maven): " + jar);
    }
    Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar, "--properties", properties.toString())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("s3proxy.log").toFile())
        .start();
    S3Proxy proxy = new S3Proxy(process, directory, URI.create("http://127.0.0.1:" + port));
    try {
      proxy.awaitAnswer();
      try (S3Client client = StorageEngines.s3Client(proxy.storage())) {
        client.createBucket(request -> request.bucket(BUCKET));
      }
      return proxy;
    } catch (IOException | InterruptedException | RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** The s3 engine's settings for this store, as a node would be configured. */
  public StorageConfig storage() {
    return StorageConfig.s3(endpoint.toString(), BUCKET, "us-east-1", true, IDENTITY, CREDENTIAL)
        .withBlockCacheMegabytes(64);
  }

  private void awaitAnswer() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited: " + Files.readString(directory.resolve("s3proxy.log")));
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2000);
        // Any HTTP answer (403 for an anonymous request) means it is serving.
        connection.getResponseCode();
        connection.disconnect();
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("S3Proxy did not answer on " + endpoint, notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
    } catch (IOException e) {
      throw new IllegalStateException("could not remove " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
