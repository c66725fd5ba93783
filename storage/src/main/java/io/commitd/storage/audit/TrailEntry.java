package io.commitd.storage.audit;

/** An event and its place in the trail: {@code seq} grows with every append and pages lookups. */
record TrailEntry(long seq, TrailEvent event) {}
