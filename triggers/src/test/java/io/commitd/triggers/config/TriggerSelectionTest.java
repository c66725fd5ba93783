package io.commitd.triggers.config;

import static io.commitd.triggers.config.ReferenceChange.CREATE;
import static io.commitd.triggers.config.ReferenceChange.DELETE;
import static io.commitd.triggers.config.ReferenceChange.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerSelectionTest {

    static RepositoryTrigger trigger(List<String> branches, List<String> events) {
        return new RepositoryTrigger("t", "arn:aws:sns:us-east-1:123456789012:topic", null, branches, events);
    }

    @Test
    void allFiresOnEveryKindOfChange() {
        var trigger = trigger(List.of(), List.of("all"));

        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", CREATE)).isTrue();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", UPDATE)).isTrue();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", DELETE)).isTrue();
    }

    @Test
    void listedEventsFireOnlyOnThoseChanges() {
        var trigger = trigger(List.of(), List.of("createReference", "deleteReference"));

        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", CREATE)).isTrue();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", UPDATE)).isFalse();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", DELETE)).isTrue();
    }

    @Test
    void anEmptyBranchListCoversEveryBranchAndTag() {
        var trigger = trigger(List.of(), List.of("all"));

        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/feature/x", UPDATE)).isTrue();
        assertThat(TriggerSelection.firesFor(trigger, "refs/tags/v1.0", CREATE)).isTrue();
    }

    @Test
    void listedBranchesMatchByExactName() {
        var trigger = trigger(List.of("main", "feature/x"), List.of("all"));

        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", UPDATE)).isTrue();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/feature/x", UPDATE)).isTrue();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/Main", UPDATE)).isFalse();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main2", UPDATE)).isFalse();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/feature", UPDATE)).isFalse();
    }

    @Test
    void tagsNeverMatchAListOfBranches() {
        var trigger = trigger(List.of("v1.0"), List.of("all"));

        assertThat(TriggerSelection.firesFor(trigger, "refs/tags/v1.0", CREATE)).isFalse();
    }

    @Test
    void refsThatAreNeitherBranchesNorTagsNeverFire() {
        var trigger = trigger(List.of(), List.of("all"));

        assertThat(TriggerSelection.firesFor(trigger, "refs/notes/commits", UPDATE)).isFalse();
        assertThat(TriggerSelection.firesFor(trigger, "refs/pull/1/head", UPDATE)).isFalse();
        assertThat(TriggerSelection.firesFor(trigger, "HEAD", UPDATE)).isFalse();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/", UPDATE)).isFalse();
    }

    @Test
    void bothTheEventAndTheBranchMustAgree() {
        var trigger = trigger(List.of("main"), List.of("deleteReference"));

        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", DELETE)).isTrue();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/main", UPDATE)).isFalse();
        assertThat(TriggerSelection.firesFor(trigger, "refs/heads/dev", DELETE)).isFalse();
    }
}
