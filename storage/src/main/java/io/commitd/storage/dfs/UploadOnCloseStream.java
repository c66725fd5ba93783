package io.commitd.storage.dfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;

/**
 * Writes a pack file to a local temporary file and uploads it to S3 on close: S3 objects cannot be
 * appended to, and JGit reads a pack back (to resolve deltas, to index it) while still writing
 * it, which {@link #read} serves from the temporary file.
 */
final class UploadOnCloseStream extends DfsOutputStream {
  private static final int WRITE_BUFFER = 64 * 1024;

  private final S3Object target;
  private final int partSize;
  private final LongConsumer uploadedSize;
  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER);
  private long written;
  private boolean closed;

  UploadOnCloseStream(S3Object target, int partSize, LongConsumer uploadedSize)
      throws IOException {
    this.target = target;
    this.partSize = partSize;
    this.uploadedSize = uploadedSize;
    this.file = Files.createTempFile("commitd-pack-", ".tmp");
    this.channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    ensureOpen();
    while (length > 0) {
      if (!pending.hasRemaining()) {
        drainPending();
      }
      int count = Math.min(length, pending.remaining());
      pending.put(buffer, offset, count);
      offset += count;
      length -= count;
      written += count;
    }
  }

  @Override
  public int read(long position, ByteBuffer buffer) throws IOException {
    ensureOpen();
    drainPending();
    return channel.read(buffer, position);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      drainPending();
      channel.force(false);
      upload();
      uploadedSize.accept(written);
    } finally {
      channel.close();
      Files.deleteIfExists(file);
    }
  }

  private void upload() throws IOException {
    if (written <= partSize) {
      target.put(file);
      return;
    }
    S3Object.MultipartUpload upload = target.startMultipart();
    try {
      byte[] part = new byte[partSize];
      for (long offset = 0; offset < written; offset += partSize) {
        int length = (int) Math.min(partSize, written - offset);
        ByteBuffer into = ByteBuffer.wrap(part, 0, length);
        while (into.hasRemaining()) {
          if (channel.read(into, offset + into.position()) < 0) {
            throw new IOException("temporary pack file shrank: " + file);
          }
        }
        upload.upload(part, length);
      }
      upload.complete();
    } catch (IOException | RuntimeException e) {
      upload.abort();
      throw e;
    }
  }

  private void drainPending() throws IOException {
    pending.flip();
    while (pending.hasRemaining()) {
      channel.write(pending, channel.size());
    }
    pending.clear();
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed: " + target.key());
    }
  }
}
