package io.commitd.iam.auth;

import io.commitd.iam.identity.IamGeneration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What was read from IAM, kept while the {@link IamGeneration} it was read under is current: an
 * IAM write anywhere makes every entry stale at once, so a policy or key change holds from the next
 * request. Without a generation ({@link #disabled()}) every lookup reads afresh. Bounded: when
 * full it forgets everything, which only costs re-reads.
 */
final class GenerationCache<K, V> {
  static final int MAX_ENTRIES = 10_000;

  private record Entry<V>(long generation, V value) {}

  private final IamGeneration generation;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  GenerationCache(IamGeneration generation) {
    this.generation = generation;
  }

  static <K, V> GenerationCache<K, V> disabled() {
    return new GenerationCache<>(null);
  }

  V get(K key, Function<K, V> load) {
    if (generation == null) {
      return load.apply(key);
    }
    long now = generation.current();
    Entry<V> entry = entries.get(key);
    if (entry != null && entry.generation() == now) {
      return entry.value();
    }
    V value = load.apply(key);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry<>(now, value));
    return value;
  }
}
