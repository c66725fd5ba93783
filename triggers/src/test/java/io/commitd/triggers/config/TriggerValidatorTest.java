package io.commitd.triggers.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerValidatorTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:MyCodeCommitTopic";
    final TriggerValidator validator = new TriggerValidator("us-east-1");

    static RepositoryTrigger trigger(String name, String destination, String customData, List<String> branches,
            List<String> events) {
        return new RepositoryTrigger(name, destination, customData, branches, events);
    }

    static RepositoryTrigger valid(String name) {
        return trigger(name, TOPIC, "Project ID 12345", List.of("main", "preprod"), List.of("all"));
    }

    void assertRefused(RepositoryTrigger trigger, String code) {
        assertThatThrownBy(() -> validator.validate(List.of(trigger)))
                .isInstanceOfSatisfying(TriggerValidationException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code));
    }

    void assertAccepted(RepositoryTrigger trigger) {
        assertThatCode(() -> validator.validate(List.of(trigger))).doesNotThrowAnyException();
    }

    @Nested
    class TheList {

        @Test
        void isRequired() {
            assertThatThrownBy(() -> validator.validate((List<RepositoryTrigger>) null))
                    .hasFieldOrPropertyWithValue("code", "RepositoryTriggersListRequiredException");
        }

        @Test
        void mayBeEmptyToRemoveEveryTrigger() {
            assertThatCode(() -> validator.validate(List.of())).doesNotThrowAnyException();
        }

        @Test
        void holdsAtMostTenTriggers() {
            List<RepositoryTrigger> ten = IntStream.range(0, 10).mapToObj(i -> valid("t" + i)).toList();
            List<RepositoryTrigger> eleven = new ArrayList<>(ten);
            eleven.add(valid("t10"));

            assertThatCode(() -> validator.validate(ten)).doesNotThrowAnyException();
            assertThatThrownBy(() -> validator.validate(eleven))
                    .hasFieldOrPropertyWithValue("code", "MaximumRepositoryTriggersExceededException");
        }

        @Test
        void mustNotNameTwoTriggersAlike() {
            assertThatThrownBy(() -> validator.validate(List.of(valid("same"), valid("same"))))
                    .hasFieldOrPropertyWithValue("code", "InvalidRepositoryTriggerNameException");
        }
    }

    @Nested
    class TheName {

        @Test
        void isRequired() {
            assertRefused(trigger(null, TOPIC, null, List.of(), List.of("all")), "RepositoryTriggerNameRequiredException");
            assertRefused(trigger("", TOPIC, null, List.of(), List.of("all")), "RepositoryTriggerNameRequiredException");
        }

        @Test
        void mustNotBeBlankTooLongOrHoldControlCharacters() {
            assertRefused(trigger("   ", TOPIC, null, List.of(), List.of("all")), "InvalidRepositoryTriggerNameException");
            assertRefused(trigger("x".repeat(101), TOPIC, null, List.of(), List.of("all")),
                    "InvalidRepositoryTriggerNameException");
            assertRefused(trigger("a\nb", TOPIC, null, List.of(), List.of("all")), "InvalidRepositoryTriggerNameException");
        }

        @Test
        void mayHoldSpacesAndPunctuation() {
            assertAccepted(trigger("My first trigger (prod)", TOPIC, null, List.of(), List.of("all")));
        }
    }

    @Nested
    class TheDestination {

        @Test
        void isRequired() {
            assertRefused(trigger("t", null, null, List.of(), List.of("all")),
                    "RepositoryTriggerDestinationArnRequiredException");
            assertRefused(trigger("t", "", null, List.of(), List.of("all")),
                    "RepositoryTriggerDestinationArnRequiredException");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "arn:aws:sns:us-east-1:123456789012:MyCodeCommitTopic",
            "arn:aws:sns:us-east-1:123456789012:orders.fifo",
            "arn:aws:lambda:us-east-1:123456789012:function:MyCodeCommitFunction",
            "arn:aws:lambda:us-east-1:123456789012:function:MyCodeCommitFunction:$LATEST",
            "arn:aws:lambda:us-east-1:123456789012:function:MyCodeCommitFunction:prod",
            "https://ci.example.com/hooks/codecommit",
            "http://localhost:8080/hook"})
        void mayBeATopicAFunctionOrAWebhook(String destination) {
            assertAccepted(trigger("t", destination, null, List.of(), List.of("all")));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "arn:aws:sqs:us-east-1:123456789012:queue",
            "arn:aws:sns:us-east-1:12345:topic",
            "arn:aws:sns:us-east-1:123456789012:",
            "arn:aws:sns:us-east-1:123456789012:bad/topic",
            "arn:aws:lambda:us-east-1:123456789012:MyFunction",
            "arn:aws:lambda:us-east-1:123456789012:function:My.Function",
            "ftp://example.com/x",
            "https:///nohost",
            "not an arn"})
        void mustBeOneCommitdCanDeliverTo(String destination) {
            assertRefused(trigger("t", destination, null, List.of(), List.of("all")),
                    "InvalidRepositoryTriggerDestinationArnException");
        }

        @Test
        void mustBeInTheServersRegionWhenItIsAnArn() {
            assertRefused(trigger("t", "arn:aws:sns:eu-west-1:123456789012:topic", null, List.of(), List.of("all")),
                    "InvalidRepositoryTriggerRegionException");
            assertRefused(trigger("t", "arn:aws:lambda:us-west-2:123456789012:function:f", null, List.of(),
                    List.of("all")), "InvalidRepositoryTriggerRegionException");
        }
    }

    @Nested
    class TheCustomData {

        @Test
        void isOptionalAndMayBeEmpty() {
            assertAccepted(trigger("t", TOPIC, null, List.of(), List.of("all")));
            assertAccepted(trigger("t", TOPIC, "", List.of(), List.of("all")));
        }

        @Test
        void holdsAtMostAThousandCharacters() {
            assertAccepted(trigger("t", TOPIC, "x".repeat(1000), List.of(), List.of("all")));
            assertRefused(trigger("t", TOPIC, "x".repeat(1001), List.of(), List.of("all")),
                    "InvalidRepositoryTriggerCustomDataException");
        }
    }

    @Nested
    class TheBranches {

        @Test
        void mustBeGivenThoughTheListMayBeEmpty() {
            assertAccepted(trigger("t", TOPIC, null, List.of(), List.of("all")));
            assertRefused(trigger("t", TOPIC, null, null, List.of("all")),
                    "RepositoryTriggerBranchNameListRequiredException");
        }

        @Test
        void numberAtMostAHundred() {
            List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "b" + i).toList();
            List<String> hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "b" + i).toList();

            assertAccepted(trigger("t", TOPIC, null, hundred, List.of("all")));
            assertRefused(trigger("t", TOPIC, null, hundredAndOne, List.of("all")), "MaximumBranchesExceededException");
        }

        @ParameterizedTest
        @ValueSource(strings = {"main", "feature/login", "release-1.2", "user/mary/fix_42", "v1.0"})
        void mayBeAnyGitBranchName(String branch) {
            assertAccepted(trigger("t", TOPIC, null, List.of(branch), List.of("all")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "has space", "a..b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b",
            "/lead", "trail/", "a//b", "dot.", ".hidden", "a/.hidden", "x.lock", "a@{b", "@", "-dash"})
        void mustBeAValidGitBranchName(String branch) {
            assertRefused(trigger("t", TOPIC, null, List.of(branch), List.of("all")),
                    "InvalidRepositoryTriggerBranchNameException");
        }

        @Test
        void mustNotExceedTheBranchNameLength() {
            assertRefused(trigger("t", TOPIC, null, List.of("b".repeat(257)), List.of("all")),
                    "InvalidRepositoryTriggerBranchNameException");
        }

        @Test
        void mustNotContainNull() {
            assertRefused(trigger("t", TOPIC, null, Arrays.asList("main", null), List.of("all")),
                    "InvalidRepositoryTriggerBranchNameException");
        }
    }

    @Nested
    class TheEvents {

        @Test
        void areRequired() {
            assertRefused(trigger("t", TOPIC, null, List.of(), null), "RepositoryTriggerEventsListRequiredException");
            assertRefused(trigger("t", TOPIC, null, List.of(), List.of()), "RepositoryTriggerEventsListRequiredException");
        }

        @Test
        void mayCombineTheReferenceEvents() {
            assertAccepted(trigger("t", TOPIC, null, List.of(),
                    List.of("createReference", "updateReference", "deleteReference")));
        }

        @Test
        void mustBeKnownAndCaseExact() {
            assertRefused(trigger("t", TOPIC, null, List.of(), List.of("pushReference")),
                    "InvalidRepositoryTriggerEventsException");
            assertRefused(trigger("t", TOPIC, null, List.of(), List.of("ALL")), "InvalidRepositoryTriggerEventsException");
            assertRefused(trigger("t", TOPIC, null, List.of(), Collections.singletonList(null)),
                    "InvalidRepositoryTriggerEventsException");
        }

        @Test
        void allStandsAlone() {
            assertRefused(trigger("t", TOPIC, null, List.of(), List.of("all", "createReference")),
                    "InvalidRepositoryTriggerEventsException");
        }
    }

    // Kept in a nested class: surefire misattributes top-level tests of a class that also has nested ones.
    @Nested
    class SeveralProblems {

        @Test
        void areReportedOneAtATimeInShapeOrder() {
            assertRefused(trigger(null, null, "x".repeat(2000), null, null), "RepositoryTriggerNameRequiredException");
            assertRefused(trigger("t", null, "x".repeat(2000), null, null),
                    "RepositoryTriggerDestinationArnRequiredException");
            assertRefused(trigger("t", TOPIC, "x".repeat(2000), null, null), "InvalidRepositoryTriggerCustomDataException");
            assertRefused(trigger("t", TOPIC, null, null, null), "RepositoryTriggerBranchNameListRequiredException");
        }
    }
}
