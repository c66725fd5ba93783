package io.commitd.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON mapper of the AWS JSON 1.1 protocol: absent members are omitted, and timestamps are
 * epoch seconds as numbers (with milliseconds as the fraction), as botocore expects.
 */
public final class Json {
  public static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    SimpleModule timestamps = new SimpleModule("aws-timestamps");
    timestamps.addSerializer(Instant.class, new EpochSecondsSerializer());
    return new ObjectMapper()
        .registerModule(timestamps)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  private static final class EpochSecondsSerializer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    EpochSecondsSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      char[] text = new char[24];
      int start = epochSeconds(value.toEpochMilli(), text);
      generator.writeNumber(text, start, text.length - start);
    }
  }

  /**
   * Writes {@code millis} as seconds with three decimals (as {@code BigDecimal.valueOf(millis).movePointLeft(3)}
   * prints it) at the end of {@code text}, and returns where it starts. Through {@code BigDecimal}, each of
   * the two timestamps of a repository's answer made two numbers, a string and its array.
   */
  static int epochSeconds(long millis, char[] text) {
    long rest = millis;
    int at = text.length;
    for (int i = 0; i < 3; i++) {
      text[--at] = (char) ('0' + Math.abs(rest % 10));
      rest /= 10;
    }
    text[--at] = '.';
    do {
      text[--at] = (char) ('0' + Math.abs(rest % 10));
      rest /= 10;
    } while (rest != 0);
    if (millis < 0) {
      text[--at] = '-';
    }
    return at;
  }
}
