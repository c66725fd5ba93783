package io.commitd.triggers.config;

import java.util.Optional;

/** The values of a trigger's {@code events} (botocore's {@code RepositoryTriggerEventEnum}). */
public enum TriggerEvent {
    ALL("all"),
    UPDATE_REFERENCE("updateReference"),
    CREATE_REFERENCE("createReference"),
    DELETE_REFERENCE("deleteReference");

    private final String wireName;

    TriggerEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The event of that exact (case-sensitive) name, if it is one. */
    public static Optional<TriggerEvent> fromWireName(String name) {
        for (TriggerEvent event : values()) {
            if (event.wireName.equals(name)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
