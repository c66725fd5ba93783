package io.commitd.triggers.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class TriggerDestinationTest {

    @Test
    void anSnsArnNamesItsTopicRegionAndAccount() {
        assertThat(TriggerDestination.parse("arn:aws:sns:us-east-2:123456789012:MyTopic")).contains(
                new TriggerDestination.SnsTopic("arn:aws:sns:us-east-2:123456789012:MyTopic", "us-east-2",
                        "123456789012", "MyTopic"));
    }

    @Test
    void aLambdaArnNamesItsFunctionAndOptionalQualifier() {
        assertThat(TriggerDestination.parse("arn:aws:lambda:us-east-2:123456789012:function:fn:live"))
                .get().isEqualTo(new TriggerDestination.LambdaFunction(
                        "arn:aws:lambda:us-east-2:123456789012:function:fn:live", "us-east-2", "123456789012",
                        "fn", "live"));
        assertThat(TriggerDestination.parse("arn:aws:lambda:us-east-2:123456789012:function:fn"))
                .get().extracting(d -> ((TriggerDestination.LambdaFunction) d).qualifier()).isNull();
    }

    @Test
    void aWebhookHasNoRegion() {
        var webhook = TriggerDestination.parse("https://ci.example.com/hook").orElseThrow();

        assertThat(webhook).isEqualTo(new TriggerDestination.Webhook(URI.create("https://ci.example.com/hook")));
        assertThat(webhook.awsRegion()).isEmpty();
    }

    @Test
    void otherPartitionsAreArnsToo() {
        assertThat(TriggerDestination.parse("arn:aws-cn:sns:cn-north-1:123456789012:t").orElseThrow().awsRegion())
                .contains("cn-north-1");
    }
}
