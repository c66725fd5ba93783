package io.commitd.storage.repos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Repository records as last read, by id and by name, and pages of the repository list, valid while
 * no write of the catalog has happened since they were read: every git request and API call looks
 * its repository up (a seventh of a signed call's cost), and reading a 1,000-repository page was
 * half of a ListRepositories call. Only for a database this process alone writes (the
 * embedded one); on a shared database another node's rename would go unseen.
 *
 * <p>The generation is taken before the database is read, so a write that commits meanwhile leaves
 * the entry under an older generation: stale, never newer data filed as current.
 */
final class RecentRepositories {
  /** More entries than any server holds repositories; beyond, start over rather than grow. */
  private static final int MAX_ENTRIES = 100_000;

  /**
   * Pages kept at most: a page is up to a thousand records (a few hundred kilobytes), and a client
   * reading the whole list in both orders of a large account asks for a few dozen.
   */
  private static final int MAX_PAGES = 32;

  private record Entry<T>(long generation, T value) {}

  /** A page of an account's list, as {@link RepositoryCatalog#listPage} asks for it. */
  record PageKey(String accountId, RepositoryCatalog.ListOrder order, boolean descending, int offset, int limit) {}

  private final AtomicLong generation = new AtomicLong();
  private final Map<String, Entry<RepositoryRecord>> byId = new ConcurrentHashMap<>();
  private final Map<String, Entry<RepositoryRecord>> byName = new ConcurrentHashMap<>();
  private final Map<PageKey, Entry<List<RepositoryRecord>>> pages = new ConcurrentHashMap<>();

  Optional<RepositoryRecord> byId(String repositoryId, Supplier<Optional<RepositoryRecord>> read) {
    return lookup(byId, repositoryId, read);
  }

  Optional<RepositoryRecord> byName(String accountId, String name, Supplier<Optional<RepositoryRecord>> read) {
    return lookup(byName, accountId + '/' + name, read);
  }

  List<RepositoryRecord> page(PageKey key, Supplier<List<RepositoryRecord>> read) {
    long current = generation.get();
    Entry<List<RepositoryRecord>> entry = pages.get(key);
    if (entry != null && entry.generation() == current) {
      return entry.value();
    }
    List<RepositoryRecord> page = List.copyOf(read.get());
    if (pages.size() >= MAX_PAGES) {
      pages.clear();
    }
    pages.put(key, new Entry<>(current, page));
    return page;
  }

  /** Called after every write of the catalog, committed or not. */
  void changed() {
    generation.incrementAndGet();
  }

  private Optional<RepositoryRecord> lookup(
      Map<String, Entry<RepositoryRecord>> entries, String key, Supplier<Optional<RepositoryRecord>> read) {
    long current = generation.get();
    Entry<RepositoryRecord> entry = entries.get(key);
    if (entry != null && entry.generation() == current) {
      return Optional.of(entry.value());
    }
    Optional<RepositoryRecord> found = read.get();
    // Absent names are not remembered: anyone could fill the map with them.
    found.ifPresent(record -> {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry<>(current, record));
    });
    return found;
  }
}
