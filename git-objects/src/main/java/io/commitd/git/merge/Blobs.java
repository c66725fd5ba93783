package io.commitd.git.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;

/** Reads the blobs a merge compares, within the bound of what the service loads at once. */
final class Blobs {
  /** The largest file a merge reads into memory; CodeCommit's own file limit is 6 MB. */
  static final int MAX_CONTENT_BYTES = 64 * 1024 * 1024;

  private Blobs() {}

  static byte[] content(ObjectReader reader, AnyObjectId id) {
    try {
      return reader.open(id, Constants.OBJ_BLOB).getCachedBytes(MAX_CONTENT_BYTES);
    } catch (LargeObjectException e) {
      throw MergeErrors.maximumFileContentToLoadExceeded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long size(ObjectReader reader, AnyObjectId id) {
    try {
      return reader.getObjectSize(id, Constants.OBJ_BLOB);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
