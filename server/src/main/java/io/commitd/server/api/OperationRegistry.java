package io.commitd.server.api;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A service's operations by name, filled by the operation families at start-up. */
public final class OperationRegistry<R> {
  private final Map<String, ApiOperation<R>> operations = new TreeMap<>();

  public OperationRegistry<R> add(String name, ApiOperation<R> operation) {
    if (operations.putIfAbsent(name, operation) != null) {
      throw new IllegalStateException("operation registered twice: " + name);
    }
    return this;
  }

  public Optional<ApiOperation<R>> find(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(operations.keySet());
  }
}
