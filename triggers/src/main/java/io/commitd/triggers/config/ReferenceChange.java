package io.commitd.triggers.config;

/** What a push did to one ref, and the trigger event that names it. */
public enum ReferenceChange {
    CREATE(TriggerEvent.CREATE_REFERENCE),
    UPDATE(TriggerEvent.UPDATE_REFERENCE),
    DELETE(TriggerEvent.DELETE_REFERENCE);

    private final TriggerEvent triggerEvent;

    ReferenceChange(TriggerEvent triggerEvent) {
        this.triggerEvent = triggerEvent;
    }

    public TriggerEvent triggerEvent() {
        return triggerEvent;
    }
}
