package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code event} values under "CodeCommit Repository State Change". */
public enum RepositoryEventType {
    REFERENCE_CREATED("referenceCreated"),
    REFERENCE_UPDATED("referenceUpdated"),
    REFERENCE_DELETED("referenceDeleted"),
    UNREFERENCED_MERGE_COMMIT_CREATED("unreferencedMergeCommitCreated");

    private final String wireName;

    RepositoryEventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
