package io.commitd.storage.dfs;

/**
 * A pack-list change lost a race: a pack it meant to replace is no longer live. Unchecked so it
 * can leave a SQL transaction (rolling it back); the object database turns it into an IOException.
 */
final class StalePackListException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StalePackListException(String message) {
    super(message);
  }
}
