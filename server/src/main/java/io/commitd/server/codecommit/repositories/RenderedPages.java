package io.commitd.server.codecommit.repositories;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import io.commitd.server.api.Json;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code repositories} member of the last pages ListRepositories answered, as JSON, kept by the
 * identity of the catalog's page. The embedded catalog hands out the same immutable page until its
 * next write, so a page answered again is copied as bytes instead of written again: writing a
 * thousand name and id pairs was most of a call's own CPU. A catalog that reads every page anew
 * (PostgreSQL's) never hits: each call renders its page once, through a string where it used to be
 * written straight to bytes, a small cost beside the page's query.
 */
final class RenderedPages {
  /** Pages kept; a power of two. The embedded catalog keeps 32, of which a few are ever hot. */
  private static final int SLOTS = 8;

  private record Rendered(List<RepositoryRecord> page, RawValue json) {}

  private final int pageSize;
  private final AtomicReferenceArray<Rendered> slots = new AtomicReferenceArray<>(SLOTS);

  RenderedPages(int pageSize) {
    this.pageSize = pageSize;
  }

  /** The first {@code pageSize} repositories of {@code page} as botocore's list of {@code RepositoryNameIdPair}. */
  RawValue of(List<RepositoryRecord> page) {
    int slot = System.identityHashCode(page) & (SLOTS - 1);
    Rendered rendered = slots.get(slot);
    // Identity, not equality: the slot holds the page, so no other list can take its identity meanwhile.
    if (rendered != null && rendered.page() == page) {
      return rendered.json();
    }
    RawValue json = render(page);
    slots.set(slot, new Rendered(page, json));
    return json;
  }

  private RawValue render(List<RepositoryRecord> page) {
    List<RepositoryNameIdPair> pairs = page.stream().limit(pageSize)
        .map(r -> new RepositoryNameIdPair(r.name(), r.repositoryId()))
        .toList();
    try {
      SerializedString json = new SerializedString(Json.MAPPER.writeValueAsString(pairs));
      json.asUnquotedUTF8();
      return new RawValue(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
