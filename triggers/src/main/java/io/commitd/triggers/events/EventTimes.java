package io.commitd.triggers.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The three ways CodeCommit writes a moment, all in UTC. Callers pass the instant in; nothing
 * here reads a clock.
 */
public final class EventTimes {

    /** Trigger records: {@code 2017-09-08T17:44:27.615+0000}, milliseconds and a colon-free offset. */
    private static final DateTimeFormatter TRIGGER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Dates inside event details: {@code Wed Nov 06 19:02:14 UTC 2019}, Java's {@code Date.toString()} shape. */
    private static final DateTimeFormatter DETAIL =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private EventTimes() {
    }

    /** The EventBridge envelope's {@code time}: {@code 2019-06-12T10:23:43Z}, whole seconds. */
    public static String envelopeTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A trigger record's {@code eventTime}. */
    public static String triggerTime(Instant instant) {
        return TRIGGER.format(instant);
    }

    /** {@code creationDate} and {@code lastModifiedDate} in pull-request and template details. */
    public static String detailDate(Instant instant) {
        return DETAIL.format(instant);
    }

    /** Writes an {@link Instant} as {@link #envelopeTime}. */
    static final class EnvelopeTimeSerializer extends StdSerializer<Instant> {

        EnvelopeTimeSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(envelopeTime(value));
        }
    }

    /** Writes an {@link Instant} as {@link #triggerTime}. */
    static final class TriggerTimeSerializer extends StdSerializer<Instant> {

        TriggerTimeSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(triggerTime(value));
        }
    }
}
