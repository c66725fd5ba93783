package io.commitd.triggers.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of PutRepositoryTriggers' {@code triggers}, exactly as the caller sent it: the
 * lists may be null or hold unknown event names, which is for {@link TriggerValidator} to
 * refuse. An empty {@code branches} list means every branch.
 */
public record RepositoryTrigger(
        String name,
        String destinationArn,
        String customData,
        List<String> branches,
        List<String> events) {

    public RepositoryTrigger {
        branches = unmodifiableOrNull(branches);
        events = unmodifiableOrNull(events);
    }

    // List.copyOf would throw on null elements, which must reach the validator as CodeCommit errors.
    private static List<String> unmodifiableOrNull(List<String> values) {
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
