package io.commitd.storage.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * One file of a {@link TrailLog}: records appended in sequence order, and their summary — the
 * sequence and time ranges and the {@link TrailKeys} — kept in memory and, once the segment is full
 * (sealed), in a file beside it, so that opening the log reads summaries instead of segments.
 *
 * <p>The log's writer appends and seals under the log's lock; lookups read without it. {@code end}
 * is written after the rest of the summary and read before it, so the summary a lookup sees covers
 * at least the bytes up to the end it read.
 */
final class TrailSegment {
  static final String SUFFIX = ".trail";
  private static final String SUMMARY_SUFFIX = ".summary";
  private static final int SUMMARY_FORMAT = 1;
  private static final int WINDOW_BYTES = 256 * 1024;

  private final Path file;
  private final long firstSeq;
  private volatile long end;
  private volatile long lastSeq;
  private volatile long minTime = Long.MAX_VALUE;
  private volatile long maxTime = Long.MIN_VALUE;
  private volatile int count;
  /** The keys while the segment takes appends; the sorted keys once it is sealed. */
  private volatile Set<Long> openKeys;
  private volatile long[] sealedKeys;
  private FileChannel channel;

  private TrailSegment(Path file, long firstSeq) {
    this.file = file;
    this.firstSeq = firstSeq;
    this.lastSeq = firstSeq - 1;
  }

  /** A new, empty segment whose first event will be {@code firstSeq}. */
  static TrailSegment create(Path directory, long firstSeq) throws IOException {
    TrailSegment segment = new TrailSegment(directory.resolve(String.format("%020d", firstSeq) + SUFFIX), firstSeq);
    segment.channel = FileChannel.open(segment.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    segment.openKeys = ConcurrentHashMap.newKeySet();
    return segment;
  }

  /**
   * A segment as a previous run left it: sealed when its summary is there and agrees with it;
   * otherwise read through, cut after its last intact record (where a write was interrupted), and
   * open for appends.
   */
  static TrailSegment load(Path file) throws IOException {
    String name = file.getFileName().toString();
    long firstSeq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    TrailSegment segment = new TrailSegment(file, firstSeq);
    if (segment.readSummary()) {
      return segment;
    }
    segment.openKeys = ConcurrentHashMap.newKeySet();
    segment.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long intact = scan(segment.channel, segment.channel.size(), (offset, payload) -> segment.summarize(TrailRecords.read(payload, false)));
    if (intact < segment.channel.size()) {
      segment.channel.truncate(intact);
    }
    segment.end = intact;
    return segment;
  }

  Path file() {
    return file;
  }

  long firstSeq() {
    return firstSeq;
  }

  long lastSeq() {
    return lastSeq;
  }

  long end() {
    return end;
  }

  int count() {
    return count;
  }

  long minTime() {
    return minTime;
  }

  long maxTime() {
    return maxTime;
  }

  boolean sealed() {
    return sealedKeys != null;
  }

  /** Writes the records in {@code batch} (of {@code entries}) at the end; on failure, none of them. */
  void append(TrailRecords.Output batch, List<TrailEntry> entries) throws IOException {
    ByteBuffer bytes = batch.contents();
    long at = end;
    try {
      while (bytes.hasRemaining()) {
        at += channel.write(bytes, at);
      }
    } catch (IOException e) {
      try {
        channel.truncate(end);
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed); // the next open cuts the torn record off
      }
      throw e;
    }
    for (TrailEntry entry : entries) {
      summarize(entry);
    }
    end = at;
  }

  /** Writes the summary beside the segment and takes no more appends. */
  void seal() throws IOException {
    long[] keys = openKeys.stream().mapToLong(Long::longValue).sorted().toArray();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(SUMMARY_FORMAT);
      out.writeLong(end);
      out.writeLong(lastSeq);
      out.writeInt(count);
      out.writeLong(minTime);
      out.writeLong(maxTime);
      out.writeInt(keys.length);
      for (long key : keys) {
        out.writeLong(key);
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    new DataOutputStream(bytes).writeInt((int) crc.getValue());
    Path summary = summaryOf(file);
    Path temporary = summary.resolveSibling(summary.getFileName() + ".tmp");
    Files.write(temporary, bytes.toByteArray());
    Files.move(temporary, summary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    sealedKeys = keys;
    openKeys = null;
    close();
  }

  /** Whether events between {@code floor} and {@code ceiling} (epoch ms) found by {@code key} may be here. */
  boolean mayHold(long floor, long ceiling, long key) {
    if (count == 0 || maxTime < floor || minTime > ceiling) {
      return false;
    }
    long[] sealed = sealedKeys;
    if (sealed != null) {
      return Arrays.binarySearch(sealed, key) >= 0;
    }
    Set<Long> open = openKeys;
    // Sealed between the two reads: the sorted keys are set before the open ones go.
    return open == null ? Arrays.binarySearch(sealedKeys, key) >= 0 : open.contains(key);
  }

  /**
   * Adds to {@code into}, newest first, up to {@code wanted} of the events {@code admits} among the
   * first {@code upTo} bytes; a segment purged meanwhile adds none.
   */
  void newestFirst(long upTo, Predicate<TrailEntry> admits, int wanted, List<TrailEntry> into) throws IOException {
    try (FileChannel reading = FileChannel.open(file, StandardOpenOption.READ)) {
      List<Long> matches = new ArrayList<>();
      scan(reading, upTo, (offset, payload) -> {
        if (admits.test(TrailRecords.read(payload, false))) {
          matches.add(offset);
        }
      });
      Reader reader = new Reader(reading, upTo);
      for (int i = matches.size() - 1; i >= 0 && wanted > 0; i--, wanted--) {
        into.add(reader.record(matches.get(i)));
      }
    } catch (NoSuchFileException purged) {
      // The purge deleted it after the lookup took its list: its events are older than the purge's cutoff.
    }
  }

  /** How many events happened at {@code from} or later and before {@code to} (epoch ms). */
  int countBetween(long from, long to) throws IOException {
    if (minTime >= from && maxTime < to) {
      return count;
    }
    int[] counted = {0};
    try (FileChannel reading = FileChannel.open(file, StandardOpenOption.READ)) {
      scan(reading, end, (offset, payload) -> {
        long at = TrailRecords.read(payload, false).event().eventTime().toEpochMilli();
        if (at >= from && at < to) {
          counted[0]++;
        }
      });
    }
    return counted[0];
  }

  void delete() throws IOException {
    close();
    Files.deleteIfExists(summaryOf(file));
    Files.deleteIfExists(file);
  }

  void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  private void summarize(TrailEntry entry) {
    for (long key : TrailKeys.of(entry.event())) {
      openKeys.add(key);
    }
    long at = entry.event().eventTime().toEpochMilli();
    minTime = Math.min(minTime, at);
    maxTime = Math.max(maxTime, at);
    lastSeq = entry.seq();
    count++;
  }

  private boolean readSummary() throws IOException {
    Path summary = summaryOf(file);
    if (!Files.exists(summary)) {
      return false;
    }
    byte[] bytes = Files.readAllBytes(summary);
    if (bytes.length < 4) {
      return false;
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
      return false;
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      if (in.readInt() != SUMMARY_FORMAT) {
        return false;
      }
      long summarizedEnd = in.readLong();
      if (summarizedEnd != Files.size(file)) {
        return false;
      }
      end = summarizedEnd;
      lastSeq = in.readLong();
      count = in.readInt();
      minTime = in.readLong();
      maxTime = in.readLong();
      long[] keys = new long[in.readInt()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = in.readLong();
      }
      sealedKeys = keys;
      return true;
    }
  }

  static Path summaryOf(Path file) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + SUMMARY_SUFFIX);
  }

  /** What a scan does with each intact record: its offset in the file and its payload. */
  interface RecordVisitor {
    void visit(long offset, ByteBuffer payload) throws IOException;
  }

  /**
   * Visits the intact records among the first {@code limit} bytes, in order; returns the offset
   * after the last one: {@code limit}, unless a record there is torn or damaged.
   */
  static long scan(FileChannel channel, long limit, RecordVisitor visitor) throws IOException {
    Reader reader = new Reader(channel, limit);
    long offset = 0;
    while (true) {
      ByteBuffer payload = reader.payload(offset);
      if (payload == null) {
        return offset;
      }
      visitor.visit(offset, payload);
      offset += TrailRecords.HEADER_BYTES + payload.remaining();
    }
  }

  /** Reads a segment through a window of its bytes, refilled at the record that leaves it. */
  private static final class Reader {
    private final FileChannel channel;
    private final long limit;
    private ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES).limit(0);
    private long start;

    Reader(FileChannel channel, long limit) {
      this.channel = channel;
      this.limit = limit;
    }

    /** The intact payload of the record at {@code offset}, or null where no intact record is. */
    ByteBuffer payload(long offset) throws IOException {
      ByteBuffer header = bytes(offset, TrailRecords.HEADER_BYTES);
      if (header == null) {
        return null;
      }
      int length = header.getInt();
      int checksum = header.getInt();
      if (length <= 0 || length > limit - offset - TrailRecords.HEADER_BYTES) {
        return null;
      }
      ByteBuffer payload = bytes(offset + TrailRecords.HEADER_BYTES, length);
      return payload != null && TrailRecords.intact(payload, checksum) ? payload : null;
    }

    TrailEntry record(long offset) throws IOException {
      ByteBuffer payload = payload(offset);
      if (payload == null) {
        throw new IOException("the trail record at " + offset + " of " + channel + " was readable a moment ago");
      }
      return TrailRecords.read(payload, true);
    }

    private ByteBuffer bytes(long offset, int length) throws IOException {
      if (offset + length > limit) {
        return null;
      }
      if (offset < start || offset + length > start + window.limit()) {
        if (length > window.capacity()) {
          window = ByteBuffer.allocate(Math.max(length, window.capacity() * 2));
        }
        window.clear().limit((int) Math.min(window.capacity(), limit - offset));
        start = offset;
        while (window.hasRemaining()) {
          if (channel.read(window, start + window.position()) < 0) {
            return null;
          }
        }
        window.flip();
      }
      return window.slice((int) (offset - start), length);
    }
  }
}
