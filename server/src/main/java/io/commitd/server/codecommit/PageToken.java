package io.commitd.server.codecommit;

import io.commitd.storage.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque pagination tokens: an offset into a stable ordering, encoded so that clients pass it
 * back unchanged. A token that was not made here answers {@code InvalidContinuationTokenException}.
 */
public final class PageToken {
  private static final String PREFIX = "commitd:";

  private PageToken() {}

  public static String of(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a token stands for; 0 for a null token. */
  public static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX)) {
        int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below: the token was not made here
    }
    throw AwsException.badRequest("InvalidContinuationTokenException", "The specified continuation token is not valid.");
  }

  /** One page of {@code items} from the token's offset, and the token of the next page if any. */
  public static <T> Page<T> page(List<T> items, String token, int pageSize) {
    int from = Math.min(offset(token), items.size());
    int to = Math.min(from + pageSize, items.size());
    return new Page<>(items.subList(from, to), to < items.size() ? of(to) : null);
  }

  /** A page of results and the token that continues after it, or null at the end. */
  public record Page<T>(List<T> items, String nextToken) {}
}
