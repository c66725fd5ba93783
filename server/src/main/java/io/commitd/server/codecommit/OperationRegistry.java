package io.commitd.server.codecommit;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** CodeCommit's operations by name, filled by the operation families at start-up. */
public final class OperationRegistry {
  private final Map<String, Operation> operations = new TreeMap<>();

  public OperationRegistry add(String name, Operation operation) {
    if (operations.putIfAbsent(name, operation) != null) {
      throw new IllegalStateException("operation registered twice: " + name);
    }
    return this;
  }

  public Optional<Operation> find(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  public java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(operations.keySet());
  }
}
