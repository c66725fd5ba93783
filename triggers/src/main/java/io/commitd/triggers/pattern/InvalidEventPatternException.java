package io.commitd.triggers.pattern;

/** An event pattern that EventBridge would refuse; the message says which part and why. */
public final class InvalidEventPatternException extends RuntimeException {

    public InvalidEventPatternException(String message) {
        super(message);
    }

    public InvalidEventPatternException(String message, Throwable cause) {
        super(message, cause);
    }
}
