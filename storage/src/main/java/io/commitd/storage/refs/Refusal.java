package io.commitd.storage.refs;

/** A refused ref: the typed reason and the sentence shown to the writer. */
public record Refusal(RefusalReason reason, String message) {}
