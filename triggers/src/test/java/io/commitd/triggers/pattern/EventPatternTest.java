package io.commitd.triggers.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Examples are taken from the EventBridge User Guide's "Event patterns" and "Content filtering" pages. */
class EventPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The EC2 example event the guide filters throughout (quotes written as ' for legibility). */
    private static final String EC2_EVENT = """
            {
              'version': '0',
              'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
              'detail-type': 'EC2 Instance State-change Notification',
              'source': 'aws.ec2',
              'account': '111122223333',
              'time': '2017-12-22T18:43:48Z',
              'region': 'us-west-1',
              'resources': ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
              'detail': {
                'instance-id': 'i-1234567890abcdef0',
                'state': 'terminated',
                'c-count': 5,
                'd-count': 3,
                'x-limit': 301.8,
                'source-ip': '10.0.0.123',
                'filename': 'dir/image.png',
                'location': 'us-east-1',
                'nothing': null
              }
            }""";

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean matches(String pattern, String event) {
        return EventPattern.parse(pattern.replace('\'', '"')).matches(json(event));
    }

    static boolean matchesEc2(String pattern) {
        return matches(pattern, EC2_EVENT);
    }

    @Nested
    class ExactValues {

        @Test
        void aPatternOfSourceMatchesEventsFromThatSource() {
            assertThat(matchesEc2("{'source': ['aws.ec2']}")).isTrue();
            assertThat(matchesEc2("{'source': ['aws.s3']}")).isFalse();
        }

        @Test
        void anArrayOfValuesMatchesAnyOfThem() {
            assertThat(matchesEc2("{'detail': {'state': ['running', 'terminated']}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'state': ['running', 'pending']}}")).isFalse();
        }

        @Test
        void everyFieldOfThePatternMustMatch() {
            assertThat(matchesEc2("{'source': ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification']}")).isTrue();
            assertThat(matchesEc2("{'source': ['aws.ec2'], 'detail-type': ['Something Else']}")).isFalse();
        }

        @Test
        void nestedObjectsMatchNestedFields() {
            assertThat(matchesEc2("{'detail': {'instance-id': ['i-1234567890abcdef0']}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'instance-id': ['i-0']}}")).isFalse();
        }

        @Test
        void fieldsMissingFromTheEventDoNotMatch() {
            assertThat(matchesEc2("{'detail': {'no-such-field': ['x']}}")).isFalse();
            assertThat(matchesEc2("{'no-such-object': {'field': ['x']}}")).isFalse();
        }

        @Test
        void numbersMatchByValueAndNeverMatchStrings() {
            assertThat(matchesEc2("{'detail': {'c-count': [5]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'c-count': [5.0]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'c-count': ['5']}}")).isFalse();
        }

        @Test
        void nullAndBooleansMatchExactly() {
            assertThat(matchesEc2("{'detail': {'nothing': [null]}}")).isTrue();
            assertThat(matches("{'a': [true]}", "{'a': true}")).isTrue();
            assertThat(matches("{'a': [true]}", "{'a': 'true'}")).isFalse();
            assertThat(matches("{'a': [null]}", "{}")).isFalse();
        }

        @Test
        void stringsAreCaseSensitive() {
            assertThat(matchesEc2("{'detail': {'state': ['Terminated']}}")).isFalse();
        }
    }

    @Nested
    class ArrayValuedEventFields {

        @Test
        void anArrayInTheEventMatchesWhenAnyElementMatches() {
            // The guide's "resources" example: the pattern and event arrays must intersect.
            String event = "{'resources': ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',"
                    + " 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f']}";
            assertThat(matches("{'resources': ['arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',"
                    + " 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f']}", event)).isTrue();
            assertThat(matches("{'resources': ['arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f']}", event)).isFalse();
        }

        @Test
        void filtersApplyToEachElementOfAnArray() {
            assertThat(matches("{'tags': [{'prefix': 'team-'}]}", "{'tags': ['env-prod', 'team-git']}")).isTrue();
        }

        @Test
        void aNestedPatternMatchesWhenOneObjectInAnArrayMatchesAllOfIt() {
            String event = "{'items': [{'kind': 'a', 'size': 1}, {'kind': 'b', 'size': 2}]}";
            assertThat(matches("{'items': {'kind': ['b'], 'size': [2]}}", event)).isTrue();
            assertThat(matches("{'items': {'kind': ['a'], 'size': [2]}}", event)).isFalse();
        }
    }

    @Nested
    class PrefixSuffixAndCase {

        @Test
        void prefixMatchesTheStartOfAString() {
            assertThat(matchesEc2("{'time': [{'prefix': '2017-12-22'}]}")).isTrue();
            assertThat(matchesEc2("{'time': [{'prefix': '2018'}]}")).isFalse();
        }

        @Test
        void prefixCanIgnoreCase() {
            assertThat(matchesEc2("{'detail': {'state': [{'prefix': {'equals-ignore-case': 'TERM'}}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'state': [{'prefix': 'TERM'}]}}")).isFalse();
        }

        @Test
        void suffixMatchesTheEndOfAString() {
            assertThat(matchesEc2("{'detail': {'filename': [{'suffix': '.png'}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'filename': [{'suffix': '.jpg'}]}}")).isFalse();
        }

        @Test
        void suffixCanIgnoreCase() {
            assertThat(matchesEc2("{'detail': {'filename': [{'suffix': {'equals-ignore-case': '.PNG'}}]}}")).isTrue();
        }

        @Test
        void equalsIgnoreCaseMatchesTheWholeStringInAnyCase() {
            assertThat(matchesEc2("{'detail-type': [{'equals-ignore-case': 'ec2 instance state-change notification'}]}")).isTrue();
            assertThat(matchesEc2("{'detail-type': [{'equals-ignore-case': 'ec2 instance'}]}")).isFalse();
        }

        @Test
        void stringFiltersNeverMatchNumbers() {
            assertThat(matchesEc2("{'detail': {'c-count': [{'prefix': '5'}]}}")).isFalse();
        }
    }

    @Nested
    class Wildcards {

        @Test
        void aStarMatchesAnyRunOfCharacters() {
            assertThat(matchesEc2("{'detail': {'filename': [{'wildcard': 'dir/*.png'}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'filename': [{'wildcard': 'dir/*.jpg'}]}}")).isFalse();
        }

        @Test
        void severalStarsMatchInOrder() {
            assertThat(matches("{'a': [{'wildcard': '*/*/*.png'}]}", "{'a': 'x/y/z.png'}")).isTrue();
            assertThat(matches("{'a': [{'wildcard': 'a*b*a'}]}", "{'a': 'aba'}")).isTrue();
            assertThat(matches("{'a': [{'wildcard': 'a*b*a'}]}", "{'a': 'ab'}")).isFalse();
        }

        @Test
        void aStarMayMatchNothing() {
            assertThat(matches("{'a': [{'wildcard': 'dir/*'}]}", "{'a': 'dir/'}")).isTrue();
        }

        @Test
        void aPatternWithoutStarsMustMatchExactly() {
            assertThat(matches("{'a': [{'wildcard': 'abc'}]}", "{'a': 'abc'}")).isTrue();
            assertThat(matches("{'a': [{'wildcard': 'abc'}]}", "{'a': 'abcd'}")).isFalse();
        }

        @Test
        void anEscapedStarIsALiteralStar() {
            assertThat(matches("{'a': [{'wildcard': 'a\\\\*b'}]}", "{'a': 'a*b'}")).isTrue();
            assertThat(matches("{'a': [{'wildcard': 'a\\\\*b'}]}", "{'a': 'axb'}")).isFalse();
        }

        @Test
        void consecutiveStarsAreRefused() {
            assertThatThrownBy(() -> EventPattern.parse("{\"a\": [{\"wildcard\": \"a**b\"}]}"))
                    .isInstanceOf(InvalidEventPatternException.class)
                    .hasMessageContaining("consecutive");
        }
    }

    @Nested
    class AnythingBut {

        @Test
        void excludesOneString() {
            assertThatPatternOnState("{'anything-but': 'initializing'}").isTrue();
            assertThatPatternOnState("{'anything-but': 'terminated'}").isFalse();
        }

        @Test
        void excludesAListOfStrings() {
            assertThatPatternOnState("{'anything-but': ['stopped', 'overloaded']}").isTrue();
            assertThatPatternOnState("{'anything-but': ['stopped', 'terminated']}").isFalse();
        }

        @Test
        void excludesNumbers() {
            assertThat(matchesEc2("{'detail': {'c-count': [{'anything-but': 0}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'c-count': [{'anything-but': [100, 200, 5]}]}}")).isFalse();
        }

        @Test
        void excludesAPrefix() {
            assertThatPatternOnState("{'anything-but': {'prefix': 'init'}}").isTrue();
            assertThatPatternOnState("{'anything-but': {'prefix': 'term'}}").isFalse();
        }

        @Test
        void excludesASuffix() {
            assertThat(matchesEc2("{'detail': {'filename': [{'anything-but': {'suffix': '.txt'}}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'filename': [{'anything-but': {'suffix': '.png'}}]}}")).isFalse();
        }

        @Test
        void excludesIgnoringCase() {
            assertThatPatternOnState("{'anything-but': {'equals-ignore-case': ['Stopped', 'TERMINATED']}}").isFalse();
            assertThatPatternOnState("{'anything-but': {'equals-ignore-case': 'Stopped'}}").isTrue();
        }

        @Test
        void excludesAWildcard() {
            assertThat(matchesEc2("{'detail': {'filename': [{'anything-but': {'wildcard': '*/*.png'}}]}}")).isFalse();
            assertThat(matchesEc2("{'detail': {'filename': [{'anything-but': {'wildcard': '*.txt'}}]}}")).isTrue();
        }

        @Test
        void neverMatchesAMissingField() {
            assertThat(matchesEc2("{'detail': {'no-such-field': [{'anything-but': 'x'}]}}")).isFalse();
        }

        private org.assertj.core.api.AbstractBooleanAssert<?> assertThatPatternOnState(String filter) {
            return assertThat(matchesEc2("{'detail': {'state': [" + filter + "]}}"));
        }
    }

    @Nested
    class Numeric {

        @Test
        void comparesWithEveryOperator() {
            assertThat(matchesEc2("{'detail': {'c-count': [{'numeric': ['>', 0, '<=', 5]}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'c-count': [{'numeric': ['>', 0, '<', 5]}]}}")).isFalse();
            assertThat(matchesEc2("{'detail': {'d-count': [{'numeric': ['<', 10]}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'x-limit': [{'numeric': ['=', 3.018e2]}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'x-limit': [{'numeric': ['>=', 301.8]}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'x-limit': [{'numeric': ['>', 301.8]}]}}")).isFalse();
        }

        @Test
        void neverMatchesStrings() {
            assertThat(matches("{'a': [{'numeric': ['>', 0]}]}", "{'a': '5'}")).isFalse();
        }

        @Test
        void refusesMalformedRanges() {
            assertInvalid("{'a': [{'numeric': ['>', 0, '>', 5]}]}");
            assertInvalid("{'a': [{'numeric': ['=', 0, '<', 5]}]}");
            assertInvalid("{'a': [{'numeric': ['>', '0']}]}");
            assertInvalid("{'a': [{'numeric': ['!=', 0]}]}");
            assertInvalid("{'a': [{'numeric': ['>']}]}");
        }
    }

    @Nested
    class Exists {

        @Test
        void existsTrueNeedsTheField() {
            assertThat(matchesEc2("{'detail': {'state': [{'exists': true}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'c-count': [{'exists': true}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'no-such-field': [{'exists': true}]}}")).isFalse();
        }

        @Test
        void existsFalseNeedsTheFieldAbsent() {
            assertThat(matchesEc2("{'detail': {'no-such-field': [{'exists': false}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'state': [{'exists': false}]}}")).isFalse();
        }

        @Test
        void existsFalseHoldsWhenTheParentObjectIsAbsentToo() {
            assertThat(matchesEc2("{'no-such-object': {'field': [{'exists': false}]}}")).isTrue();
        }

        @Test
        void aNullFieldExists() {
            assertThat(matchesEc2("{'detail': {'nothing': [{'exists': true}]}}")).isTrue();
        }

        @Test
        void onlyLeavesExist() {
            // The guide: exists matching only works on leaf nodes, not on intermediate nodes.
            assertThat(matchesEc2("{'detail': [{'exists': true}]}")).isFalse();
            assertThat(matches("{'a': [{'exists': true}]}", "{'a': []}")).isFalse();
            assertThat(matches("{'a': [{'exists': false}]}", "{'a': []}")).isTrue();
        }

        @Test
        void combinesWithOtherFiltersAsAlternatives() {
            assertThat(matches("{'a': ['x', {'exists': false}]}", "{}")).isTrue();
            assertThat(matches("{'a': ['x', {'exists': false}]}", "{'a': 'y'}")).isFalse();
        }
    }

    @Nested
    class Cidr {

        @Test
        void matchesIpv4AddressesInTheBlock() {
            assertThat(matchesEc2("{'detail': {'source-ip': [{'cidr': '10.0.0.0/24'}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'source-ip': [{'cidr': '10.0.1.0/24'}]}}")).isFalse();
            assertThat(matchesEc2("{'detail': {'source-ip': [{'cidr': '10.0.0.64/26'}]}}")).isTrue();
            assertThat(matchesEc2("{'detail': {'source-ip': [{'cidr': '10.0.0.128/26'}]}}")).isFalse();
        }

        @Test
        void matchesIpv6AddressesInTheBlock() {
            String pattern = "{'ip': [{'cidr': '2001:db8::/64'}]}";
            assertThat(matches(pattern, "{'ip': '2001:db8::1'}")).isTrue();
            assertThat(matches(pattern, "{'ip': '2001:0db8:0000:0000:ffff:0:0:1'}")).isTrue();
            assertThat(matches(pattern, "{'ip': '2001:db9::1'}")).isFalse();
            assertThat(matches(pattern, "{'ip': '10.0.0.1'}")).isFalse();
        }

        @Test
        void ignoresValuesThatAreNotAddresses() {
            assertThat(matches("{'ip': [{'cidr': '0.0.0.0/0'}]}", "{'ip': 'example.com'}")).isFalse();
            assertThat(matches("{'ip': [{'cidr': '0.0.0.0/0'}]}", "{'ip': '1.2.3.4'}")).isTrue();
        }

        @Test
        void refusesMalformedBlocks() {
            assertInvalid("{'ip': [{'cidr': '10.0.0.0/33'}]}");
            assertInvalid("{'ip': [{'cidr': '10.0.0/24'}]}");
            assertInvalid("{'ip': [{'cidr': 'example.com/8'}]}");
        }
    }

    @Nested
    class Or {

        @Test
        void matchesWhenAnyAlternativeMatches() {
            // The guide's example: c-count > 0 or d-count < 5, with the source required.
            String pattern = "{'source': ['aws.ec2'], '$or': [{'detail': {'c-count': [{'numeric': ['>', 10]}]}},"
                    + " {'detail': {'d-count': [{'numeric': ['<', 5]}]}}]}";
            assertThat(matchesEc2(pattern)).isTrue();
        }

        @Test
        void failsWhenNoAlternativeMatches() {
            String pattern = "{'$or': [{'detail': {'c-count': [{'numeric': ['>', 10]}]}},"
                    + " {'detail': {'d-count': [{'numeric': ['>', 5]}]}}]}";
            assertThat(matchesEc2(pattern)).isFalse();
        }

        @Test
        void theOtherFieldsMustStillMatch() {
            String pattern = "{'source': ['aws.s3'], '$or': [{'detail': {'state': ['terminated']}}, {'region': ['us-west-1']}]}";
            assertThat(matchesEc2(pattern)).isFalse();
        }

        @Test
        void worksInsideNestedObjects() {
            String pattern = "{'detail': {'$or': [{'c-count': [99]}, {'state': ['terminated']}]}}";
            assertThat(matchesEc2(pattern)).isTrue();
        }
    }

    @Nested
    class Validation {

        @Test
        void refusesMalformedJson() {
            assertThatThrownBy(() -> EventPattern.parse("{"))
                    .isInstanceOf(InvalidEventPatternException.class)
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void refusesPatternsThatAreNotObjects() {
            assertInvalid("['aws.ec2']");
            assertInvalid("");
            assertInvalid("{}");
        }

        @Test
        void refusesBareValuesWhereAnArrayIsNeeded() {
            assertThatThrownBy(() -> EventPattern.parse("{\"source\": \"aws.ec2\"}"))
                    .isInstanceOf(InvalidEventPatternException.class)
                    .hasMessageContaining("\"source\" must be an object or an array");
        }

        @Test
        void refusesEmptyArraysAndUnknownOperators() {
            assertInvalid("{'source': []}");
            assertInvalid("{'source': [{'contains': 'ec2'}]}");
            assertInvalid("{'source': [{'prefix': 'a', 'suffix': 'b'}]}");
            assertInvalid("{'source': [['nested']]}");
        }

        @Test
        void refusesOperandsOfTheWrongType() {
            assertInvalid("{'a': [{'prefix': 5}]}");
            assertInvalid("{'a': [{'prefix': {'anything-but': 'x'}}]}");
            assertInvalid("{'a': [{'exists': 'yes'}]}");
            assertInvalid("{'a': [{'anything-but': true}]}");
            assertInvalid("{'a': [{'anything-but': {'numeric': ['>', 1]}}]}");
            assertInvalid("{'a': [{'anything-but': {'prefix': ''}}]}");
            assertInvalid("{'a': [{'wildcard': 'a\\\\b'}]}");
            assertInvalid("{'$or': {'a': ['x']}}");
            assertInvalid("{'$or': []}");
        }

        @Test
        void onlyObjectEventsCanMatch() {
            assertThat(EventPattern.parse("{\"a\": [{\"exists\": false}]}").matches(json("[]"))).isFalse();
        }

        @Test
        void keepsItsSource() {
            String source = "{\"source\": [\"aws.codecommit\"]}";
            assertThat(EventPattern.parse(source).source()).isEqualTo(source);
        }
    }

    static void assertInvalid(String pattern) {
        assertThatThrownBy(() -> EventPattern.parse(pattern.replace('\'', '"')))
                .isInstanceOf(InvalidEventPatternException.class);
    }
}
