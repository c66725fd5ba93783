package io.commitd.triggers.delivery;

import io.commitd.triggers.config.TriggerDestination;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Sends deliveries: SNS {@code Publish}, Lambda {@code Invoke} ({@code InvocationType=Event}) and
 * EventBridge {@code PutEvents} through the AWS SDK (one endpoint override for all three, for
 * LocalStack or tests), and webhooks as an HTTP POST signed with the server's webhook secret.
 * The SDK does not retry: the dispatcher's backoff does.
 */
public final class Destinations implements AutoCloseable {
  /** The webhook header with {@code sha256=<hex HMAC-SHA256 of the body under the webhook secret>}. */
  public static final String SIGNATURE_HEADER = "X-Commitd-Signature-256";
  /** The webhook header naming the record's {@code eventName}. */
  public static final String EVENT_HEADER = "X-Commitd-Event";
  /** The webhook header with the record's {@code eventId}, the same on every retry. */
  public static final String DELIVERY_HEADER = "X-Commitd-Delivery";

  private final DeliverySettings settings;
  // Built at their first delivery: the three SDK clients took a tenth of the server's start-up, their
  // HTTP client and the webhooks' another 0.1 s of CPU, and many servers never deliver.
  private final LazyClient<SdkHttpClient> sdkHttp;
  private final LazyClient<SnsClient> sns;
  private final LazyClient<LambdaClient> lambda;
  private final LazyClient<EventBridgeClient> eventBridge;
  private final LazyClient<HttpClient> webhooks;

  public Destinations(DeliverySettings settings) {
    this.settings = settings;
    this.sdkHttp = new LazyClient<>(() -> UrlConnectionHttpClient.builder()
        .connectionTimeout(settings.callTimeout())
        .socketTimeout(settings.callTimeout())
        .build());
    AwsCredentialsProvider credentials = settings.accessKeyId() == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    this.sns = new LazyClient<>(() -> configure(SnsClient.builder(), credentials).httpClient(sdkHttp.get()).build());
    this.lambda =
        new LazyClient<>(() -> configure(LambdaClient.builder(), credentials).httpClient(sdkHttp.get()).build());
    this.eventBridge =
        new LazyClient<>(() -> configure(EventBridgeClient.builder(), credentials).httpClient(sdkHttp.get()).build());
    this.webhooks = new LazyClient<>(() -> HttpClient.newBuilder()
        .connectTimeout(settings.callTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsCredentialsProvider credentials) {
    builder.region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(settings.callTimeout()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder;
  }

  /** Sends one delivery; returns normally when the destination accepted it. */
  public void send(Delivery delivery) throws DeliveryException {
    try {
      if (delivery instanceof Delivery.ToEventBridge entry) {
        putEvent(entry);
      } else {
        Delivery.ToTrigger trigger = (Delivery.ToTrigger) delivery;
        if (trigger.destination() instanceof TriggerDestination.SnsTopic topic) {
          publish(topic, trigger);
        } else if (trigger.destination() instanceof TriggerDestination.LambdaFunction function) {
          invoke(function, trigger);
        } else {
          post(((TriggerDestination.Webhook) trigger.destination()).url(), trigger);
        }
      }
    } catch (SdkException e) {
      throw new DeliveryException(delivery.kind().tag() + ": " + e.getMessage(), e);
    }
  }

  private void publish(TriggerDestination.SnsTopic topic, Delivery.ToTrigger trigger) {
    PublishRequest.Builder request = PublishRequest.builder().topicArn(topic.arn()).message(trigger.body());
    if (topic.topicName().endsWith(".fifo")) {
      request.messageGroupId(trigger.groupId())
          .messageDeduplicationId(trigger.eventId() + "-" + Integer.toHexString(trigger.triggerName().hashCode()));
    }
    sns.get().publish(request.build());
  }

  private void invoke(TriggerDestination.LambdaFunction function, Delivery.ToTrigger trigger) throws DeliveryException {
    InvokeResponse response = lambda.get().invoke(r -> r.functionName(function.arn())
        .invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String(trigger.body())));
    if (response.functionError() != null) {
      throw new DeliveryException("lambda: function error " + response.functionError());
    }
  }

  private void putEvent(Delivery.ToEventBridge entry) throws DeliveryException {
    PutEventsResponse response = eventBridge.get().putEvents(r -> r.entries(PutEventsRequestEntry.builder()
        .eventBusName(entry.bus())
        .source(entry.source())
        .detailType(entry.detailType())
        .resources(entry.resources())
        .detail(entry.detail())
        .time(entry.time())
        .build()));
    Integer failed = response.failedEntryCount();
    if (failed != null && failed > 0) {
      PutEventsResultEntry result = response.entries().isEmpty() ? null : response.entries().get(0);
      throw new DeliveryException("eventbridge: entry refused"
          + (result == null ? "" : ": " + result.errorCode() + " " + result.errorMessage()));
    }
  }

  private void post(URI url, Delivery.ToTrigger trigger) throws DeliveryException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(settings.callTimeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "commitd-webhook")
        .header(EVENT_HEADER, trigger.eventName())
        .POST(HttpRequest.BodyPublishers.ofString(trigger.body(), StandardCharsets.UTF_8));
    if (trigger.eventId() != null) {
      request.header(DELIVERY_HEADER, trigger.eventId().toString());
    }
    if (settings.webhookSecret() != null) {
      request.header(SIGNATURE_HEADER, signature(settings.webhookSecret(), trigger.body()));
    }
    HttpResponse<Void> response;
    try {
      response = webhooks.get().send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new DeliveryException("webhook: " + url + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("webhook: interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new DeliveryException("webhook: " + url + " answered HTTP " + response.statusCode());
    }
  }

  /** The exception and its causes' messages: the JDK's ConnectException alone says nothing. */
  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
        text.append(": ").append(t.getMessage());
      }
    }
    return text.toString();
  }

  /** {@code sha256=<hex HMAC-SHA256 of body under secret>}: what a webhook receiver recomputes. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public void close() {
    sns.close();
    lambda.close();
    eventBridge.close();
    sdkHttp.close();
  }

  /** A client built on first use; an SDK client is closed only if it was built. */
  private static final class LazyClient<T> {
    private final Supplier<T> build;
    private T client;

    LazyClient(Supplier<T> build) {
      this.build = build;
    }

    synchronized T get() {
      if (client == null) {
        client = build.get();
      }
      return client;
    }

    synchronized void close() {
      // The JDK's HttpClient has nothing to close before Java 21.
      if (client instanceof SdkAutoCloseable closeable) {
        closeable.close();
      }
    }
  }
}
