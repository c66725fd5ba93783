package io.commitd.triggers.config;

import java.util.Objects;

/** A trigger configuration CodeCommit would refuse; {@link #code()} is its exception name, e.g. {@code MaximumBranchesExceededException}. */
public final class TriggerValidationException extends RuntimeException {

    private final String code;

    public TriggerValidationException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** One of the {@link TriggerErrorCodes}. */
    public String code() {
        return code;
    }
}
