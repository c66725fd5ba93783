package io.commitd.storage.repos;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Repository records as last read, by id and by name, valid while no write of the catalog has
 * happened since they were read: every git request and API call looks its repository up, and the
 * lookup was a seventh of a signed call's cost. Only for a database this process alone writes (the
 * embedded one); on a shared database another node's rename would go unseen.
 *
 * <p>The generation is taken before the database is read, so a write that commits meanwhile leaves
 * the entry under an older generation: stale, never newer data filed as current.
 */
final class RecentRepositories {
  /** More entries than any server holds repositories; beyond, start over rather than grow. */
  private static final int MAX_ENTRIES = 100_000;

  private record Entry(long generation, RepositoryRecord record) {}

  private final AtomicLong generation = new AtomicLong();
  private final Map<String, Entry> byId = new ConcurrentHashMap<>();
  private final Map<String, Entry> byName = new ConcurrentHashMap<>();

  Optional<RepositoryRecord> byId(String repositoryId, Supplier<Optional<RepositoryRecord>> read) {
    return lookup(byId, repositoryId, read);
  }

  Optional<RepositoryRecord> byName(String accountId, String name, Supplier<Optional<RepositoryRecord>> read) {
    return lookup(byName, accountId + '/' + name, read);
  }

  /** Called after every write of the catalog, committed or not. */
  void changed() {
    generation.incrementAndGet();
  }

  private Optional<RepositoryRecord> lookup(Map<String, Entry> entries, String key, Supplier<Optional<RepositoryRecord>> read) {
    long current = generation.get();
    Entry entry = entries.get(key);
    if (entry != null && entry.generation() == current) {
      return Optional.of(entry.record());
    }
    Optional<RepositoryRecord> found = read.get();
    // Absent names are not remembered: anyone could fill the map with them.
    found.ifPresent(record -> {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(current, record));
    });
    return found;
  }
}
