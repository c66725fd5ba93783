package io.commitd.storage.git;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.util.NB;

/**
 * The file a received pack is written to before it is moved into {@code objects/pack}: appended to
 * by one thread while the stream is read, read at any position by many threads once it is, and
 * completed with the objects a thin pack left out.
 */
final class IncomingPackFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer pending = ByteBuffer.allocate(128 * 1024);
  private final MessageDigest appendedDigest = Constants.newMessageDigest();
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

  private void overwrite(long position, byte[] bytes) throws IOException {
    ByteBuffer from = ByteBuffer.wrap(bytes);
    while (from.hasRemaining()) {
      channel.write(from, position + from.position());
    }
  }

  /**
   * Appends an object of a thin pack's sender left out, whole and deflated as JGit writes it;
   * returns its CRC-32.
   */
  int appendWholeObject(int type, byte[] data) throws IOException {
    byte[] header = new byte[16];
    long size = data.length;
    int n = 0;
    header[n++] = (byte) ((type << 4) | (size & 15));
    size >>>= 4;
    while (size > 0) {
      header[n - 1] |= (byte) 0x80;
      header[n++] = (byte) (size & 0x7f);
      size >>>= 7;
    }
    CRC32 crc = new CRC32();
    crc.update(header, 0, n);
    appendedDigest.update(header, 0, n);
    append(header, 0, n);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, false);
    try {
      deflater.setInput(data);
      deflater.finish();
      byte[] out = new byte[64 * 1024];
      while (!deflater.finished()) {
        int len = deflater.deflate(out);
        crc.update(out, 0, len);
        appendedDigest.update(out, 0, len);
        append(out, 0, len);
      }
    } finally {
      deflater.end();
    }
    return (int) crc.getValue();
  }

  /**
   * Sets the object count of a thin pack completed by {@link #appendWholeObject} and returns its new
   * checksum, reading the file back: the received part (up to {@code receivedEnd}) must still hash
   * to the trailer it came with, and the appended part to what was appended.
   */
  byte[] completeThinPack(byte[] receivedTrailer, long receivedEnd, int objectCount) throws IOException {
    flush();
    MessageDigest received = Constants.newMessageDigest();
    MessageDigest appended = Constants.newMessageDigest();
    MessageDigest completed = Constants.newMessageDigest();
    byte[] header = read(0, 12);
    received.update(header);
    NB.encodeInt32(header, 8, objectCount);
    overwrite(0, header);
    completed.update(header);
    for (long at = 12; at < length; ) {
      int n = (int) Math.min(1 << 20, length - at);
      byte[] chunk = read(at, n);
      int receivedPart = (int) Math.max(0, Math.min(n, receivedEnd - at));
      received.update(chunk, 0, receivedPart);
      appended.update(chunk, receivedPart, n - receivedPart);
      completed.update(chunk);
      at += n;
    }
    if (!Arrays.equals(received.digest(), receivedTrailer) || !Arrays.equals(appended.digest(), appendedDigest.digest())) {
      throw new IOException(JGitText.get().packCorruptedWhileWritingToFilesystem);
    }
    return completed.digest();
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
