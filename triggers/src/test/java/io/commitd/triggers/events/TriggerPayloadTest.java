package io.commitd.triggers.events;

import static io.commitd.triggers.events.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TriggerPayloadTest {

    static final TriggerRecord.Trigger TRIGGER =
            new TriggerRecord.Trigger("231a4134-7c49-4a93-8d5d-cc5be420d9bc", "MyFirstTrigger", "Project ID 12345");
    static final TriggerRecord.Origin ORIGIN = new TriggerRecord.Origin("us-east-1",
            "arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo", "arn:aws:iam::123456789012:user/Mary_Major");
    static final UUID EVENT_ID = UUID.fromString("a15890fd-83fc-4344-b3ec-15c8f50619b5");
    static final Instant TIME = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void aPushIsReportedInCodeCommitsRecordsShape() {
        var record = TriggerRecord.referenceChanges(TRIGGER, ORIGIN,
                List.of(TriggerReference.created("refs/heads/main", "f6b437ece0d7b10fd95e6ea3b00ac6d76e0c5d7e")),
                EVENT_ID, TIME, 1, 1);

        assertThat(TriggerPayload.of(record).toJsonNode()).isEqualTo(json("""
                {
                  'Records': [{
                    'awsRegion': 'us-east-1',
                    'codecommit': {'references': [
                      {'commit': 'f6b437ece0d7b10fd95e6ea3b00ac6d76e0c5d7e', 'ref': 'refs/heads/main', 'created': true}
                    ]},
                    'customData': 'Project ID 12345',
                    'eventId': 'a15890fd-83fc-4344-b3ec-15c8f50619b5',
                    'eventName': 'ReferenceChanges',
                    'eventPartNumber': 1,
                    'eventSource': 'aws:codecommit',
                    'eventSourceARN': 'arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo',
                    'eventTime': '2026-11-24T12:00:00.000+0000',
                    'eventTotalParts': 1,
                    'eventTriggerConfigId': '231a4134-7c49-4a93-8d5d-cc5be420d9bc',
                    'eventTriggerName': 'MyFirstTrigger',
                    'eventVersion': '1.0',
                    'userIdentityARN': 'arn:aws:iam::123456789012:user/Mary_Major'
                  }]
                }"""));
    }

    @Test
    void updatesCarryNoFlagAndDeletionsSayDeleted() {
        var references = EventJson.tree(new TriggerRecord.References(List.of(
                TriggerReference.updated("refs/heads/main", "aaa"),
                TriggerReference.deleted("refs/heads/gone", "bbb"))));

        assertThat(references).isEqualTo(json("""
                {'references': [
                  {'commit': 'aaa', 'ref': 'refs/heads/main'},
                  {'commit': 'bbb', 'ref': 'refs/heads/gone', 'deleted': true}
                ]}"""));
    }

    @Test
    void aTestRunIsNamedTriggerEventTest() {
        var record = TriggerRecord.test(TRIGGER, ORIGIN,
                List.of(TriggerReference.updated("refs/heads/main", "aaa")), EVENT_ID, TIME);

        assertThat(EventJson.tree(record).get("eventName").asText()).isEqualTo("TriggerEventTest");
    }

    @Test
    void aTriggerWithoutCustomDataLeavesTheFieldOut() {
        var bare = new TriggerRecord.Trigger("id", "name", null);
        var record = TriggerRecord.referenceChanges(bare, ORIGIN, List.of(), EVENT_ID, TIME, 1, 1);

        assertThat(EventJson.tree(record).has("customData")).isFalse();
    }

    @Test
    void eventTimeHasMillisecondsAndANumericUtcOffset() {
        assertThat(EventTimes.triggerTime(Instant.parse("2017-09-08T17:44:27.615Z")))
                .isEqualTo("2017-09-08T17:44:27.615+0000");
    }

    @Test
    void partNumbersMustLieWithinTheTotal() {
        assertThatThrownBy(() -> TriggerRecord.referenceChanges(TRIGGER, ORIGIN, List.of(), EVENT_ID, TIME, 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
