package io.commitd.triggers.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.outbox.EventOutbox;
import io.commitd.storage.refs.RefChange;
import io.commitd.triggers.config.RepositoryTrigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each kind of outbox row owes, and to whom. */
class EventRouterTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ZERO = "0".repeat(40);
  private static final String A = "a".repeat(40);
  private static final DeliverySettings BUS = DeliverySettings.defaults("us-east-1")
      .withEventBridge("bus", null, "commitd.codecommit");
  private static final Optional<TriggerConfiguration> TRIGGERS = Optional.of(new TriggerConfiguration("config-1", List.of(
      new RepositoryTrigger("all", "arn:aws:sns:us-east-1:111122223333:t", null, List.of(), List.of("all")),
      new RepositoryTrigger("deletes", "arn:aws:lambda:us-east-1:111122223333:function:f", null, List.of(),
          List.of("deleteReference")))));

  private static OutboxEvent row(String type, String payload) {
    return new OutboxEvent(7, AT, "111122223333", "repo-id", type, payload, 0);
  }

  private static OutboxEvent refChange(String ref, String oldId, String newId) {
    return row(RefChange.REFERENCE_CHANGED, "{\"repositoryName\":\"demo\",\"referenceFullName\":\"" + ref
        + "\",\"oldCommitId\":\"" + oldId + "\",\"newCommitId\":\"" + newId
        + "\",\"callerArn\":\"arn:aws:iam::111122223333:root\",\"time\":\"" + AT + "\"}");
  }

  @Test
  void aBranchCreationGoesToTheTriggersThatListenAndToTheBus() {
    List<Delivery> deliveries = new EventRouter("us-east-1", BUS).plan(refChange("refs/heads/main", ZERO, A), TRIGGERS);
    assertThat(deliveries).extracting(Delivery::kind).containsExactly(DestinationKind.SNS, DestinationKind.EVENTBRIDGE);
    Delivery.ToEventBridge entry = (Delivery.ToEventBridge) deliveries.get(1);
    assertThat(entry.source()).isEqualTo("commitd.codecommit");
    assertThat(entry.resources()).containsExactly("arn:aws:codecommit:us-east-1:111122223333:demo");
    assertThat(entry.detail()).contains("\"event\":\"referenceCreated\"").contains("\"referenceName\":\"main\"");
    assertThat(((Delivery.ToTrigger) deliveries.get(0)).body()).contains("\"eventTriggerConfigId\":\"config-1\"");
  }

  @Test
  void aDeletionAlsoReachesTheDeleteOnlyTrigger() {
    assertThat(new EventRouter("us-east-1", BUS).plan(refChange("refs/tags/v1", A, ZERO), TRIGGERS))
        .extracting(Delivery::kind)
        .containsExactly(DestinationKind.SNS, DestinationKind.LAMBDA, DestinationKind.EVENTBRIDGE);
  }

  @Test
  void refsOutsideBranchesAndTagsAndHeadMovesGoNowhere() {
    EventRouter router = new EventRouter("us-east-1", BUS);
    assertThat(router.plan(refChange("refs/notes/commits", ZERO, A), TRIGGERS)).isEmpty();
    assertThat(router.plan(row(RefChange.DEFAULT_BRANCH_CHANGED, "{}"), TRIGGERS)).isEmpty();
  }

  @Test
  void withoutABusOnlyTriggersAreServedAndEventBridgeRowsGoNowhere() {
    EventRouter router = new EventRouter("us-east-1", DeliverySettings.defaults("us-east-1"));
    assertThat(router.plan(refChange("refs/heads/main", ZERO, A), TRIGGERS)).extracting(Delivery::kind)
        .containsExactly(DestinationKind.SNS);
    assertThat(router.plan(row(EventOutbox.EVENTBRIDGE, "{\"detailType\":\"x\",\"resources\":[],\"detail\":{}}"),
        Optional.empty())).isEmpty();
  }

  @Test
  void thePatternFiltersWhatReachesTheBus() {
    EventRouter router = new EventRouter("us-east-1", BUS.withEventBridge("bus",
        "{\"source\":[\"aws.codecommit\"],\"detail-type\":[\"CodeCommit Pull Request State Change\"]}", "aws.codecommit"));
    assertThat(router.plan(refChange("refs/heads/main", ZERO, A), Optional.empty())).isEmpty();
    List<Delivery> pr = router.plan(row(EventOutbox.EVENTBRIDGE,
        "{\"detailType\":\"CodeCommit Pull Request State Change\",\"resources\":[\"arn:x\"],\"detail\":{\"event\":\"pullRequestCreated\"}}"),
        Optional.empty());
    assertThat(pr).singleElement().isInstanceOfSatisfying(Delivery.ToEventBridge.class, e -> {
      assertThat(e.detail()).isEqualTo("{\"event\":\"pullRequestCreated\"}");
      assertThat(e.resources()).containsExactly("arn:x");
    });
  }

  @Test
  void theEventIdIsStableAcrossRetries() {
    assertThat(EventRouter.eventId(refChange("refs/heads/main", ZERO, A)))
        .isEqualTo(EventRouter.eventId(refChange("refs/heads/main", ZERO, A)));
  }
}
