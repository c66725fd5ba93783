package io.commitd.triggers.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the destination forms of {@link TriggerDestination}. */
final class DestinationParser {

    private static final String PARTITION = "(aws|aws-cn|aws-us-gov)";
    private static final String REGION = "([a-z]{2}(?:-[a-z]+)+-\\d+)";
    private static final String ACCOUNT = "(\\d{12})";

    /** Topic names: letters, digits, '-' and '_', up to 256, plus ".fifo" for FIFO topics. */
    private static final Pattern SNS = Pattern.compile("arn:" + PARTITION + ":sns:" + REGION + ":" + ACCOUNT
            + ":([A-Za-z0-9_-]{1,256}(?:\\.fifo)?)");

    /** Function names up to 64, then an optional version, alias or {@code $LATEST}. */
    private static final Pattern LAMBDA = Pattern.compile("arn:" + PARTITION + ":lambda:" + REGION + ":" + ACCOUNT
            + ":function:([A-Za-z0-9_-]{1,64})(?::(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");

    private DestinationParser() {
    }

    static Optional<TriggerDestination> parse(String destinationArn) {
        Matcher sns = SNS.matcher(destinationArn);
        if (sns.matches()) {
            return Optional.of(new TriggerDestination.SnsTopic(destinationArn, sns.group(2), sns.group(3), sns.group(4)));
        }
        Matcher lambda = LAMBDA.matcher(destinationArn);
        if (lambda.matches()) {
            return Optional.of(new TriggerDestination.LambdaFunction(destinationArn, lambda.group(2), lambda.group(3),
                    lambda.group(4), lambda.group(5)));
        }
        return parseWebhook(destinationArn);
    }

    private static Optional<TriggerDestination> parseWebhook(String text) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            if (!http || url.getHost() == null || url.getHost().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TriggerDestination.Webhook(url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
