package io.commitd.storage.dfs;

import java.util.List;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;

/** The DFS engine keeps no reflogs (the audit log records ref updates); every reflog is empty. */
final class NoReflogReader implements ReflogReader {
  static final NoReflogReader INSTANCE = new NoReflogReader();

  private NoReflogReader() {}

  @Override
  public ReflogEntry getLastEntry() {
    return null;
  }

  @Override
  public List<ReflogEntry> getReverseEntries() {
    return List.of();
  }

  @Override
  public ReflogEntry getReverseEntry(int number) {
    return null;
  }

  @Override
  public List<ReflogEntry> getReverseEntries(int max) {
    return List.of();
  }
}
