package io.commitd.git.merge;

import java.util.List;

/** One page of a listing and the token for the next, {@code null} on the last page. */
public record Page<T>(List<T> items, String nextToken) {
  public Page {
    items = List.copyOf(items);
  }
}
