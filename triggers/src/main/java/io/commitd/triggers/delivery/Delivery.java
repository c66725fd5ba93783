package io.commitd.triggers.delivery;

import io.commitd.triggers.config.TriggerDestination;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One message to one destination, ready to send. */
public sealed interface Delivery {

  /** Stable across retries: what {@code event_deliveries} records once the destination has it. */
  String key();

  DestinationKind kind();

  /**
   * A trigger's {@code Records} payload to its SNS topic, Lambda function or webhook.
   *
   * @param eventId the record's {@code eventId}: deduplication id for FIFO topics and webhooks
   * @param eventName {@code ReferenceChanges} or {@code TriggerEventTest}
   * @param groupId the repository name: the message group of a FIFO topic
   */
  record ToTrigger(String triggerName, TriggerDestination destination, String body, UUID eventId, String eventName,
      String groupId) implements Delivery {

    public ToTrigger {
      Objects.requireNonNull(triggerName, "triggerName");
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(body, "body");
    }

    @Override
    public String key() {
      return "trigger:" + triggerName + ":" + destinationText(destination);
    }

    @Override
    public DestinationKind kind() {
      if (destination instanceof TriggerDestination.SnsTopic) {
        return DestinationKind.SNS;
      }
      if (destination instanceof TriggerDestination.LambdaFunction) {
        return DestinationKind.LAMBDA;
      }
      return DestinationKind.WEBHOOK;
    }

    private static String destinationText(TriggerDestination destination) {
      if (destination instanceof TriggerDestination.SnsTopic topic) {
        return topic.arn();
      }
      if (destination instanceof TriggerDestination.LambdaFunction function) {
        return function.arn();
      }
      return ((TriggerDestination.Webhook) destination).url().toString();
    }
  }

  /** One entry for EventBridge {@code PutEvents} on the configured bus. */
  record ToEventBridge(String bus, String source, String detailType, List<String> resources, String detail,
      Instant time) implements Delivery {

    public ToEventBridge {
      resources = List.copyOf(resources);
    }

    @Override
    public String key() {
      return "eventbridge:" + bus;
    }

    @Override
    public DestinationKind kind() {
      return DestinationKind.EVENTBRIDGE;
    }
  }
}
