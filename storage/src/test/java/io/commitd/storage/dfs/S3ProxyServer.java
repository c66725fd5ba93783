package io.commitd.storage.dfs;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3Proxy (filesystem backend) in its own JVM for one test class: its shaded jar, copied
 * to target/s3proxy by the build, keeps its Jetty and SDK off our classpath. Register with
 * {@code @RegisterExtension static S3ProxyServer s3 = new S3ProxyServer();}.
 */
final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
  static final String BUCKET = "commitd-packs";
  private static final String IDENTITY = "local-identity";
  private static final String CREDENTIAL = "local-credential";

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private Process process;
  private Path directory;
  private S3Client client;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    directory = Files.createTempDirectory("s3proxy-");
    Path data = Files.createDirectories(directory.resolve("data"));
    int port = freePort();
    Path properties = directory.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
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
    process =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar,
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("s3proxy.log").toFile())
            .start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    awaitAnswer(endpoint);
    S3Client real =
        S3Client.builder()
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    real.createBucket(request -> request.bucket(BUCKET));
    client = recording(real);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (client != null) {
      client.close();
    }
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** The client every store under test uses; it records the name of each S3 operation called. */
  S3Client client() {
    return client;
  }

  /** The S3 operations called so far, by SDK method name (e.g. "putObject"). */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** Wraps the client so a test can prove which operations the store uses (never a listing). */
  private S3Client recording(S3Client real) {
    return (S3Client)
        Proxy.newProxyInstance(
            S3Client.class.getClassLoader(),
            new Class<?>[] {S3Client.class},
            (proxy, method, arguments) -> {
              calls.add(method.getName());
              try {
                return method.invoke(real, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void awaitAnswer(URI endpoint) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited: " + Files.readString(directory.resolve("s3proxy.log")));
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
