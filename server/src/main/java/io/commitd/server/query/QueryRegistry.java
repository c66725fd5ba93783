package io.commitd.server.query;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The actions of one Query service (IAM or STS), by name. */
public final class QueryRegistry {
  private final Map<String, QueryOperation> operations = new TreeMap<>();

  public QueryRegistry add(String action, QueryOperation operation) {
    if (operations.putIfAbsent(action, operation) != null) {
      throw new IllegalStateException("action registered twice: " + action);
    }
    return this;
  }

  public Optional<QueryOperation> find(String action) {
    return Optional.ofNullable(operations.get(action));
  }

  public java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(operations.keySet());
  }
}
