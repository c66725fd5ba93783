package io.commitd.storage.git;

import org.eclipse.jgit.lib.AnyObjectId;

/**
 * A received pack that can tell, from what it checked while indexing, that it holds an object and
 * everything reachable from it: then a push of that object needs no walk to prove it connected.
 */
public interface SelfContainedPack {
  /**
   * Whether the pack holds {@code id} and every object reachable from it. False whenever it cannot
   * tell (objects were not checked, a thin pack, an object named as two types): walk then.
   */
  boolean holdsAllReachableFrom(AnyObjectId id);
}
