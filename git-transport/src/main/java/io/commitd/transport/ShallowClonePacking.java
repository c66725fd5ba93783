package io.commitd.transport;

import java.util.Collection;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.PreUploadHook;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Packs a shallow clone from the deltas the repository already has, without searching for new
 * ones. A shallow clone gets one snapshot: the stored deltas whose bases are in it are sent as they
 * are, the rest whole, as the client has nothing to be a base. Searching the snapshot's files
 * against each other was four fifths of serving a {@code --depth 1} clone of a 20,000-file tree
 * and found nothing there (the pack came out byte for byte the same). Fetches into an existing
 * clone, and full and filtered clones, pack as before.
 */
final class ShallowClonePacking implements PreUploadHook {
  @Override
  public void onBeginNegotiateRound(UploadPack up, Collection<? extends ObjectId> wants, int offered) {
    // nothing to decide before the pack
  }

  @Override
  public void onEndNegotiateRound(UploadPack up, Collection<? extends ObjectId> wants, int common, int notFound,
      boolean ready) {
    // nothing to decide before the pack
  }

  /** Called after negotiation, before the pack is written: the depth and the common objects are known. */
  @Override
  public void onSendPack(UploadPack up, Collection<? extends ObjectId> wants, Collection<? extends ObjectId> haves) {
    if (up.getDepth() > 0 && haves.isEmpty()) {
      PackConfig packing = new PackConfig(up.getRepository());
      packing.setDeltaCompress(false);
      up.setPackConfig(packing);
    }
  }
}
