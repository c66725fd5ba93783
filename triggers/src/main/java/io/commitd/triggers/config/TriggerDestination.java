package io.commitd.triggers.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where a trigger delivers: an SNS topic, a Lambda function, or (a commitd extension, since
 * a self-hosted server may have neither) an HTTP(S) webhook that receives the same JSON.
 */
public sealed interface TriggerDestination {

    /** {@code arn:aws:sns:REGION:ACCOUNT:TOPIC}. */
    record SnsTopic(String arn, String region, String account, String topicName) implements TriggerDestination {
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}; qualifier is null when absent. */
    record LambdaFunction(String arn, String region, String account, String functionName, String qualifier)
            implements TriggerDestination {
    }

    /** An {@code http://} or {@code https://} URL. */
    record Webhook(URI url) implements TriggerDestination {
    }

    /** The destination a trigger's {@code destinationArn} names, or empty when it names none commitd can deliver to. */
    static Optional<TriggerDestination> parse(String destinationArn) {
        return DestinationParser.parse(destinationArn);
    }

    /** The region of an ARN destination; empty for webhooks, which live in no AWS region. */
    default Optional<String> awsRegion() {
        if (this instanceof SnsTopic topic) {
            return Optional.of(topic.region());
        }
        if (this instanceof LambdaFunction function) {
            return Optional.of(function.region());
        }
        return Optional.empty();
    }
}
