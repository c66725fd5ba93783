package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The {@code referenceType} of a repository state change: CodeCommit reports branches and tags. */
public enum ReferenceType {
    BRANCH("branch", "refs/heads/"),
    TAG("tag", "refs/tags/");

    private final String wireName;
    private final String refPrefix;

    ReferenceType(String wireName, String refPrefix) {
        this.wireName = wireName;
        this.refPrefix = refPrefix;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** {@code refs/heads/} or {@code refs/tags/}. */
    public String refPrefix() {
        return refPrefix;
    }

    /** The type of a full ref name; empty for refs outside {@code refs/heads/} and {@code refs/tags/}. */
    public static Optional<ReferenceType> of(String referenceFullName) {
        for (ReferenceType type : values()) {
            if (referenceFullName.startsWith(type.refPrefix) && referenceFullName.length() > type.refPrefix.length()) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
