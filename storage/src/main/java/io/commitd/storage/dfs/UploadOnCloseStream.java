package io.commitd.storage.dfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;

/**
 * Writes a pack file locally and uploads it to S3 on close: S3 objects cannot be appended to, and
 * JGit reads a pack back (to resolve deltas, to index it) while still writing it, which {@link
 * #read} serves from the local copy. A file stays in memory up to {@link #IN_MEMORY_LIMIT} (the
 * pack and index of a typical push are a few KiB, and a temporary file would cost more than the
 * upload); a larger one moves to a temporary file. The local copy is a buffer, never the durable
 * copy, so it is not synced to disk. Closing hands the upload to a {@link Starter}, which runs it at
 * once or in the background.
 */
final class UploadOnCloseStream extends DfsOutputStream {
  /** The largest file kept in memory while it is written. */
  static final int IN_MEMORY_LIMIT = 1024 * 1024;

  private static final int WRITE_BUFFER = 64 * 1024;

  /** Runs an upload once its file is complete. */
  @FunctionalInterface
  interface Starter {
    void start(PendingUploads.Upload upload) throws IOException;
  }

  /** Uploads in {@link #close()} itself. */
  static final Starter NOW = PendingUploads.Upload::run;

  private final S3Object target;
  private final int partSize;
  private final int memoryLimit;
  private final LongConsumer uploadedSize;
  private final Starter starter;
  /** The bytes written while they fit in memory; unused once {@link #file} exists. */
  private byte[] memory = new byte[8 * 1024];
  private Path file;
  private FileChannel channel;
  private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER);
  private long written;
  private boolean closed;

  /**
   * @param uploadedSize told the file's size when it is complete
   * @param starter runs the upload of the complete file
   */
  UploadOnCloseStream(S3Object target, int partSize, LongConsumer uploadedSize, Starter starter) {
    this(target, partSize, IN_MEMORY_LIMIT, uploadedSize, starter);
  }

  /** As above with the in-memory limit given, so tests can cross it with small files. */
  UploadOnCloseStream(
      S3Object target, int partSize, int memoryLimit, LongConsumer uploadedSize, Starter starter) {
    this.target = target;
    this.partSize = partSize;
    // One PUT uploads what memory holds, so it never holds more than one part.
    this.memoryLimit = Math.min(memoryLimit, partSize);
    this.uploadedSize = uploadedSize;
    this.starter = starter;
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    ensureOpen();
    if (file == null && written + length <= memoryLimit) {
      if (written + length > memory.length) {
        memory = Arrays.copyOf(memory, (int) Math.min(memoryLimit, Math.max(memory.length * 2L, written + length)));
      }
      System.arraycopy(buffer, offset, memory, (int) written, length);
      written += length;
      return;
    }
    if (file == null) {
      moveToFile();
    }
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
    if (file == null) {
      if (position >= written) {
        return -1;
      }
      int count = (int) Math.min(buffer.remaining(), written - position);
      buffer.put(memory, (int) position, count);
      return count;
    }
    drainPending();
    return channel.read(buffer, position);
  }

  /** True while the bytes written so far are held in memory, not in a temporary file. */
  boolean inMemory() {
    return file == null;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (file == null) {
      byte[] data = memory;
      int length = (int) written;
      memory = null;
      uploadedSize.accept(length);
      starter.start(() -> target.put(data, length));
      return;
    }
    boolean started = false;
    try {
      drainPending();
      uploadedSize.accept(written);
      starter.start(
          () -> {
            try {
              upload();
            } finally {
              deleteFile();
            }
          });
      started = true;
    } finally {
      if (!started) {
        deleteFile();
      }
    }
  }

  private void deleteFile() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void moveToFile() throws IOException {
    file = Files.createTempFile("commitd-pack-", ".tmp");
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      ByteBuffer held = ByteBuffer.wrap(memory, 0, (int) written);
      while (held.hasRemaining()) {
        channel.write(held);
      }
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      Files.deleteIfExists(file);
      closed = true;
      throw e;
    }
    memory = null;
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
