package io.commitd.storage.dfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;

/**
 * Reads a pack file with ranged GETs. The block cache asks for one block at a time; a read fetches
 * at least the read-ahead the reader asked for, and a run of sequential reads (loading an index,
 * streaming a pack to a clone) doubles the fetch each time, so large files take few requests.
 */
final class S3ReadableChannel implements ReadableChannel {
  /** The smallest range worth a request: below this, request overhead dominates. */
  private static final int MINIMUM_FETCH = 64 * 1024;
  /** The largest fetch held in memory at once. */
  private static final int MAXIMUM_FETCH = 8 * 1024 * 1024;

  private final S3Object object;
  private final int blockSize;
  private long size;
  private long position;
  private int readAheadBytes;
  private boolean open = true;
  private byte[] fetched = new byte[0];
  private long fetchedFrom;
  private int sequentialFetch = MINIMUM_FETCH;

  /** {@code knownSize} is the size the pack list recorded, or 0 when unknown. */
  S3ReadableChannel(S3Object object, long knownSize, int blockSize) {
    this.object = object;
    this.size = knownSize > 0 ? knownSize : -1;
    this.blockSize = blockSize;
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    ensureOpen();
    if (position >= size() || !destination.hasRemaining()) {
      return position >= size() ? -1 : 0;
    }
    if (position < fetchedFrom || position >= fetchedFrom + fetched.length) {
      boolean sequential = fetched.length > 0 && position == fetchedFrom + fetched.length;
      sequentialFetch = sequential ? Math.min(sequentialFetch * 2, MAXIMUM_FETCH) : MINIMUM_FETCH;
      int wanted = Math.max(destination.remaining(), Math.max(readAheadBytes, sequentialFetch));
      int length = (int) Math.min(wanted, size() - position);
      fetched = object.read(position, length);
      fetchedFrom = position;
    }
    int offset = (int) (position - fetchedFrom);
    int count = Math.min(destination.remaining(), fetched.length - offset);
    destination.put(fetched, offset, count);
    position += count;
    return count;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public void position(long newPosition) throws IOException {
    ensureOpen();
    position = newPosition;
  }

  @Override
  public long size() throws IOException {
    if (size < 0) {
      size = object.size();
    }
    return size;
  }

  @Override
  public int blockSize() {
    return blockSize;
  }

  @Override
  public void setReadAheadBytes(int bufferSize) {
    readAheadBytes = Math.max(bufferSize, 0);
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    fetched = new byte[0];
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
