package io.commitd.storage.refs;

import io.commitd.storage.repos.RepositoryRecord;
import java.time.Instant;
import java.util.List;

/**
 * The record of every ref change, written before the change is applied: the intent with its audit
 * record and outbox event held back, then released once the ref has moved, or discarded when it
 * did not. An acknowledged change therefore always has its record and event, whatever fails in
 * between, and a change that never happened publishes nothing.
 */
public interface RefChangeJournal {

  /** Writes the intents of {@code changes} in one transaction; returns their ids, in order. */
  List<String> open(RepositoryRecord repository, Actor actor, String action, List<RefChange> changes, Instant at);

  /** Releases the audit records and events of changes that were applied. */
  void markApplied(List<String> changeIds);

  /** Forgets changes that were not applied, with their held audit records and events. */
  void discard(List<String> changeIds);

  /** Changes opened before {@code before} and neither applied nor discarded: crashed writers' intents. */
  List<OpenChange> openChanges(Instant before);

  /** An intent not yet settled. */
  record OpenChange(String changeId, String repositoryId, RefChange change) {}
}
