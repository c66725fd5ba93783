package io.commitd.storage.git;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file a received pack is written to before it is moved into {@code objects/pack}: appended to
 * by one thread while the stream is read, read at any position by many threads once it is.
 */
final class IncomingPackFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer pending = ByteBuffer.allocate(128 * 1024);
  private long length;

  IncomingPackFile(Path objectsDirectory) throws IOException {
    this.path = Files.createTempFile(objectsDirectory, "incoming_", ".pack");
    this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  Path path() {
    return path;
  }

  /** The bytes appended so far. */
  long length() {
    return length;
  }

  void append(byte[] bytes, int offset, int count) throws IOException {
    while (count > 0) {
      if (!pending.hasRemaining()) {
        flush();
      }
      int n = Math.min(count, pending.remaining());
      pending.put(bytes, offset, n);
      offset += n;
      count -= n;
      length += n;
    }
  }

  /** Writes what {@link #append} buffered; positional reads see only flushed bytes. */
  void flush() throws IOException {
    pending.flip();
    long at = length - pending.remaining();
    while (pending.hasRemaining()) {
      at += channel.write(pending, at);
    }
    pending.clear();
  }

  /** Reads {@code count} bytes at {@code position}; safe from any number of threads. */
  byte[] read(long position, int count) throws IOException {
    byte[] bytes = new byte[count];
    ByteBuffer into = ByteBuffer.wrap(bytes);
    while (into.hasRemaining()) {
      int n = channel.read(into, position + into.position());
      if (n < 0) {
        throw new EOFException("the received pack ends at " + (position + into.position()));
      }
    }
    return bytes;
  }

  /** The flushed bytes from {@code from} to {@code to}, as a stream. */
  InputStream openRange(long from, long to) {
    return new InputStream() {
      private long at = from;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] into, int offset, int count) throws IOException {
        if (at >= to) {
          return -1;
        }
        int n = channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(count, to - at)), at);
        if (n < 0) {
          throw new EOFException("the received pack ends at " + at);
        }
        at += n;
        return n;
      }
    };
  }

  /** Overwrites bytes already flushed, e.g. the object count of a thin pack completed with bases. */
  void overwrite(long position, byte[] bytes) throws IOException {
    ByteBuffer from = ByteBuffer.wrap(bytes);
    while (from.hasRemaining()) {
      channel.write(from, position + from.position());
    }
  }

  /** Flushes and forces the content to the disk. */
  void sync() throws IOException {
    flush();
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Closes and deletes the file, if it still exists (it does not once moved into place). */
  void discard() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file is deleted next; nothing was to be kept
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a temporary file left in objects/ is removed by the next garbage collection
    }
  }
}
