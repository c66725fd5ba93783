package io.commitd.triggers.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher reaches its destinations and how hard it tries.
 *
 * @param endpoint one endpoint for SNS, Lambda and EventBridge (LocalStack, a test's fake); null for AWS
 * @param region the region of the SDK clients
 * @param accessKeyId with {@code secretAccessKey}, static credentials; null for the SDK's default chain
 * @param eventBridgeBus the bus (name or ARN) that receives CodeCommit events; null sends none
 * @param eventBridgePattern an EventBridge pattern an event must match to be sent; null sends all
 * @param eventBridgeSource the {@code Source} of the entries put on the bus
 * @param webhookSecret the key of webhooks' {@code X-Commitd-Signature-256}; null sends no signature
 * @param maxAttempts attempts before an event is dead
 * @param pollInterval how often the dispatcher looks for deliverable events
 * @param initialBackoff the wait after the first failed attempt, doubled after each further one
 * @param maxBackoff the longest wait between attempts
 * @param callTimeout how long one call to one destination may take
 */
public record DeliverySettings(
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    String eventBridgeBus,
    String eventBridgePattern,
    String eventBridgeSource,
    String webhookSecret,
    int maxAttempts,
    Duration pollInterval,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration callTimeout) {

  public static final String DEFAULT_EVENTBRIDGE_SOURCE = "aws.codecommit";
  public static final int DEFAULT_MAX_ATTEMPTS = 12;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  public DeliverySettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(eventBridgeSource, "eventBridgeSource");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
  }

  /** AWS in {@code region} with the default credential chain, no EventBridge bus, no webhook signature. */
  public static DeliverySettings defaults(String region) {
    return new DeliverySettings(null, region, null, null, null, null, DEFAULT_EVENTBRIDGE_SOURCE, null,
        DEFAULT_MAX_ATTEMPTS, DEFAULT_POLL_INTERVAL, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_CALL_TIMEOUT);
  }

  public DeliverySettings withEndpoint(URI uri, String accessKey, String secretKey) {
    return new DeliverySettings(uri, region, accessKey, secretKey, eventBridgeBus, eventBridgePattern,
        eventBridgeSource, webhookSecret, maxAttempts, pollInterval, initialBackoff, maxBackoff, callTimeout);
  }

  public DeliverySettings withEventBridge(String bus, String pattern, String source) {
    return new DeliverySettings(endpoint, region, accessKeyId, secretAccessKey, bus, pattern, source, webhookSecret,
        maxAttempts, pollInterval, initialBackoff, maxBackoff, callTimeout);
  }

  public DeliverySettings withWebhookSecret(String secret) {
    return new DeliverySettings(endpoint, region, accessKeyId, secretAccessKey, eventBridgeBus, eventBridgePattern,
        eventBridgeSource, secret, maxAttempts, pollInterval, initialBackoff, maxBackoff, callTimeout);
  }

  public DeliverySettings withRetries(int attempts, Duration poll, Duration initial, Duration max) {
    return new DeliverySettings(endpoint, region, accessKeyId, secretAccessKey, eventBridgeBus, eventBridgePattern,
        eventBridgeSource, webhookSecret, attempts, poll, initial, max, callTimeout);
  }

  public DeliverySettings withCallTimeout(Duration timeout) {
    return new DeliverySettings(endpoint, region, accessKeyId, secretAccessKey, eventBridgeBus, eventBridgePattern,
        eventBridgeSource, webhookSecret, maxAttempts, pollInterval, initialBackoff, maxBackoff, timeout);
  }

  /** The backoff these settings describe. */
  public Backoff backoff() {
    return new Backoff(initialBackoff, maxBackoff);
  }
}
