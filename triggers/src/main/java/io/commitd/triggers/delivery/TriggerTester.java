package io.commitd.triggers.delivery;

import io.commitd.triggers.config.RepositoryTrigger;
import io.commitd.triggers.config.TriggerDestination;
import io.commitd.triggers.events.RepositoryIdentity;
import io.commitd.triggers.events.TriggerPayload;
import io.commitd.triggers.events.TriggerRecord;
import io.commitd.triggers.events.TriggerReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * TestRepositoryTriggers: sends each (validated) trigger a {@code TriggerEventTest} record, now,
 * and reports which destinations took it.
 */
public final class TriggerTester {
  private final String region;
  private final Dispatcher.Sender sender;

  public TriggerTester(String region, Dispatcher.Sender sender) {
    this.region = region;
    this.sender = sender;
  }

  /** The triggers that worked, by name, and those that did not, with why. */
  public record Result(List<String> successfulExecutions, List<Failure> failedExecutions) {
    public Result {
      successfulExecutions = List.copyOf(successfulExecutions);
      failedExecutions = List.copyOf(failedExecutions);
    }
  }

  /** One trigger that did not run, as {@code RepositoryTriggerExecutionFailure}. */
  public record Failure(String trigger, String failureMessage) {}

  /**
   * @param configurationId the repository's current configuration id (the records'
   *     {@code eventTriggerConfigId})
   * @param references what the records report: the branch being tested, when it exists
   */
  public Result test(List<RepositoryTrigger> triggers, RepositoryIdentity repository, String callerArn,
      String configurationId, List<TriggerReference> references, Instant now) {
    List<String> successful = new ArrayList<>();
    List<Failure> failed = new ArrayList<>();
    TriggerRecord.Origin origin = new TriggerRecord.Origin(region, repository.arn(), callerArn);
    for (RepositoryTrigger trigger : triggers) {
      UUID eventId = UUID.randomUUID();
      TriggerRecord record = TriggerRecord.test(
          new TriggerRecord.Trigger(configurationId, trigger.name(), trigger.customData()), origin, references,
          eventId, now);
      TriggerDestination destination = TriggerDestination.parse(trigger.destinationArn()).orElseThrow(
          () -> new IllegalArgumentException("trigger not validated: " + trigger.destinationArn()));
      try {
        sender.send(new Delivery.ToTrigger(trigger.name(), destination, TriggerPayload.of(record).toJson(), eventId,
            TriggerRecord.TRIGGER_EVENT_TEST, repository.name()));
        successful.add(trigger.name());
      } catch (DeliveryException e) {
        failed.add(new Failure(trigger.name(), e.getMessage()));
      }
    }
    return new Result(successful, failed);
  }
}
