package io.commitd.storage.audit;

import java.util.ArrayList;
import java.util.List;

/** An event and its place in the trail: {@code seq} grows with every append and pages lookups. */
record TrailEntry(long seq, TrailEvent event) {

  /**
   * The page of a lookup that found {@code found}, newest first: up to {@code limit} events, and
   * where to go on when it found more (a store looks for one more than it returns).
   */
  static TrailStore.Page page(List<TrailEntry> found, int limit) {
    List<TrailEvent> events = new ArrayList<>();
    Long next = null;
    for (int i = 0; i < found.size() && i < limit; i++) {
      events.add(found.get(i).event());
      next = found.get(i).seq();
    }
    return new TrailStore.Page(events, found.size() > limit ? next : null);
  }
}
