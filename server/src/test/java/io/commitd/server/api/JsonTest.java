package io.commitd.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Timestamps are epoch seconds with the milliseconds as three decimals, as botocore reads them. */
class JsonTest {
  @Test
  void timestampsAreEpochSecondsWithMilliseconds() throws Exception {
    assertThat(Json.MAPPER.writeValueAsString(Instant.ofEpochMilli(1_733_600_000_123L))).isEqualTo("1733600000.123");
    assertThat(Json.MAPPER.writeValueAsString(Instant.ofEpochSecond(1_733_600_000L, 999_999))).isEqualTo("1733600000.000");
  }

  @Test
  void printsWhatBigDecimalPrints() {
    for (long millis : new long[] {0, 5, 70, 999, 1000, 1001, 1_733_600_000_123L, -1, -1500, -1_000_000, Long.MAX_VALUE, Long.MIN_VALUE}) {
      char[] text = new char[24];
      int start = Json.epochSeconds(millis, text);
      assertThat(new String(text, start, text.length - start)).as("%d", millis)
          .isEqualTo(BigDecimal.valueOf(millis).movePointLeft(3).toPlainString());
    }
  }
}
