package io.commitd.storage.git;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.text.MessageFormat;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A pack stream as it is read: every byte taken from it is added to the pack's checksum, written to
 * the incoming file and added to the current object's CRC-32. It never asks the stream for more
 * bytes than the pack still needs, so a connection kept open after the pack (SSH) is never waited on.
 */
final class PackStreamInput {
  private final InputStream in;
  private final IncomingPackFile file;
  private final MessageDigest packDigest;
  private final CRC32 crc = new CRC32();
  private final Inflater inflater = new Inflater(false);
  private final byte[] buffer = new byte[64 * 1024];
  private final byte[] overflow = new byte[1];
  private int pos;
  private int end;
  private long position;
  private boolean endOfStream;
  private int handedToInflater;

  PackStreamInput(InputStream in, IncomingPackFile file, MessageDigest packDigest) {
    this.in = in;
    this.file = file;
    this.packDigest = packDigest;
  }

  /** The offset in the pack of the next byte to be taken. */
  long position() {
    return position;
  }

  /** Starts the CRC-32 of a new object. */
  void startObject() {
    crc.reset();
  }

  int objectCrc() {
    return (int) crc.getValue();
  }

  /** The byte {@code ahead} bytes after the next one, without taking it. */
  int peek(int ahead) throws IOException {
    require(ahead + 1);
    return buffer[pos + ahead] & 0xff;
  }

  /** The 20-byte object id {@code ahead} bytes after the next byte, without taking it. */
  ObjectId peekId(int ahead) throws IOException {
    require(ahead + 20);
    return ObjectId.fromRaw(buffer, pos + ahead);
  }

  /** Takes the next {@code count} bytes, which must have been peeked. */
  void take(int count) throws IOException {
    packDigest.update(buffer, pos, count);
    file.append(buffer, pos, count);
    crc.update(buffer, pos, count);
    pos += count;
    position += count;
  }

  /** Inflates the next deflated stream into {@code into} and takes exactly its bytes; its size must be {@code into.length}. */
  void inflateFully(byte[] into) throws IOException {
    inflater.reset();
    handedToInflater = 0;
    int n = 0;
    while (n < into.length) {
      int r = inflate(into, n, into.length - n);
      if (r < 0) {
        throw wrongLength();
      }
      n += r;
    }
    finishInflating();
  }

  /** Receives inflated content piece by piece; the array is reused for the next piece. */
  interface Chunks {
    void accept(byte[] chunk, int offset, int count) throws IOException;
  }

  /** Inflates the next deflated stream, of {@code size} bytes, piece by piece into {@code sink} and takes exactly its bytes. */
  void inflateInChunks(long size, Chunks sink) throws IOException {
    inflater.reset();
    handedToInflater = 0;
    byte[] chunk = new byte[64 * 1024];
    long done = 0;
    while (done < size) {
      int n = inflate(chunk, 0, (int) Math.min(chunk.length, size - done));
      if (n < 0) {
        throw wrongLength();
      }
      sink.accept(chunk, 0, n);
      done += n;
    }
    finishInflating();
  }

  /** Inflates up to {@code count} bytes of the current stream; -1 once the stream ended. */
  private int inflate(byte[] into, int offset, int count) throws IOException {
    try {
      for (;;) {
        if (inflater.finished()) {
          return -1;
        }
        if (inflater.needsInput()) {
          feedInflater();
        }
        int r = inflater.inflate(into, offset, count);
        if (r > 0) {
          return r;
        }
        if (!inflater.finished() && !inflater.needsInput()) {
          throw corrupt(JGitText.get().unknownZlibError);
        }
      }
    } catch (DataFormatException e) {
      throw corrupt(e.getMessage());
    }
  }

  /** Ends the current deflated stream, which must have no bytes left, and takes its last bytes. */
  private void finishInflating() throws IOException {
    if (inflate(overflow, 0, 1) >= 0) {
      throw wrongLength();
    }
    int used = handedToInflater - inflater.getRemaining();
    take(used);
    handedToInflater = 0;
  }

  /** Reads the 20-byte trailer, which is not part of the checksum. */
  byte[] readTrailer() throws IOException {
    require(20);
    byte[] trailer = new byte[20];
    System.arraycopy(buffer, pos, trailer, 0, 20);
    pos += 20;
    position += 20;
    return trailer;
  }

  /** Bytes read from the stream past the trailer: there must be none. */
  int bufferedAfterTrailer() {
    return end - pos;
  }

  int peekBuffered() {
    return buffer[pos] & 0xff;
  }

  void release() {
    inflater.end();
  }

  private void feedInflater() throws IOException {
    if (handedToInflater > 0) {
      take(handedToInflater);
      handedToInflater = 0;
    }
    require(1);
    handedToInflater = end - pos;
    inflater.setInput(buffer, pos, handedToInflater);
  }

  private void require(int count) throws IOException {
    if (end - pos >= count) {
      return;
    }
    if (pos > 0) {
      System.arraycopy(buffer, pos, buffer, 0, end - pos);
      end -= pos;
      pos = 0;
    }
    while (end < count) {
      if (endOfStream) {
        throw new EOFException(JGitText.get().packfileIsTruncatedNoParam);
      }
      int r = in.read(buffer, end, buffer.length - end);
      if (r < 0) {
        endOfStream = true;
      } else {
        end += r;
      }
    }
  }

  private static CorruptObjectException wrongLength() {
    return corrupt(JGitText.get().wrongDecompressedLength);
  }

  private static CorruptObjectException corrupt(String why) {
    return new CorruptObjectException(MessageFormat.format(JGitText.get().packfileCorruptionDetected, why));
  }
}
