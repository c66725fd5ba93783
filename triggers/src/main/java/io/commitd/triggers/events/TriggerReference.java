package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One changed ref in a trigger record: {@code {"commit":…,"ref":"refs/heads/main","created":true}}.
 * Updates carry neither flag; a deletion carries {@code "deleted": true} and the commit the ref
 * pointed at before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"commit", "ref", "created", "deleted"})
public record TriggerReference(String commit, String ref, Boolean created, Boolean deleted) {

    public TriggerReference {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(ref, "ref");
    }

    public static TriggerReference created(String ref, String commit) {
        return new TriggerReference(commit, ref, Boolean.TRUE, null);
    }

    public static TriggerReference updated(String ref, String commit) {
        return new TriggerReference(commit, ref, null, null);
    }

    public static TriggerReference deleted(String ref, String oldCommit) {
        return new TriggerReference(oldCommit, ref, null, Boolean.TRUE);
    }
}
