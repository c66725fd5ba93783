package io.commitd.storage.git;

import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.Constants;

/**
 * Reads entries of a pack being indexed back from its incoming file, checking each against the
 * CRC-32 taken as it streamed in (the disk may not give back what it was given). One thread's.
 */
final class PackEntryReader implements AutoCloseable {
  private final IncomingPackFile file;
  private final PackEntries entries;
  private final Inflater inflater = new Inflater(false);
  private final CRC32 crc = new CRC32();

  PackEntryReader(IncomingPackFile file, PackEntries entries) {
    this.file = file;
    this.entries = entries;
  }

  /** The entry's content: an object's when stored whole, a delta's instructions otherwise. */
  byte[] inflate(int index) throws IOException {
    byte[] raw = raw(index);
    int headerLength = headerLength(raw, entries.storedAs(index));
    byte[] data = new byte[(int) entries.size(index)];
    inflater.reset();
    inflater.setInput(raw, headerLength, raw.length - headerLength);
    try {
      int n = 0;
      while (n < data.length) {
        int r = inflater.inflate(data, n, data.length - n);
        if (r == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          throw PackEntries.corrupt(entries.offset(index), JGitText.get().wrongDecompressedLength);
        }
        n += r;
      }
    } catch (DataFormatException e) {
      throw PackEntries.corrupt(entries.offset(index), e.getMessage());
    }
    return data;
  }

  /** A whole object's content as a stream, for objects too large to hold. */
  InputStream stream(int index) throws IOException {
    long start = entries.offset(index);
    long end = entries.end(index);
    int headerLength = headerLength(file.read(start, (int) Math.min(32, end - start)), entries.storedAs(index));
    return new InflaterInputStream(file.openRange(start + headerLength, end));
  }

  @Override
  public void close() {
    inflater.end();
  }

  private byte[] raw(int index) throws IOException {
    long start = entries.offset(index);
    byte[] raw = file.read(start, (int) (entries.end(index) - start));
    crc.reset();
    crc.update(raw);
    if ((int) crc.getValue() != entries.crc(index)) {
      throw new IOException(MessageFormat.format(JGitText.get().corruptionDetectedReReadingAt, Long.valueOf(start)));
    }
    return raw;
  }

  private static int headerLength(byte[] raw, int storedAs) {
    int n = 0;
    while ((raw[n++] & 0x80) != 0) {
      // the size's continuation bytes
    }
    if (storedAs == Constants.OBJ_OFS_DELTA) {
      while ((raw[n++] & 0x80) != 0) {
        // the base distance's continuation bytes
      }
    } else if (storedAs == Constants.OBJ_REF_DELTA) {
      n += Constants.OBJECT_ID_LENGTH;
    }
    return n;
  }
}
