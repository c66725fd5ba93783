package io.commitd.storage.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How a {@link TrailLog} record is laid out: its payload's length and CRC-32C, then the payload —
 * the sequence number, the time, the read-only flag, the fields lookups filter on and the resources,
 * and last the CloudTrail JSON, which a scan for matches leaves undecoded. A record whose length or
 * checksum does not hold is where an interrupted write ended.
 */
final class TrailRecords {
  static final int HEADER_BYTES = 8;
  private static final int NULL = -1;
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private TrailRecords() {}

  /** A growable byte array that records are written into, a batch at a time. */
  static final class Output {
    private byte[] bytes = new byte[64 * 1024];
    private int size;

    void reset() {
      size = 0;
    }

    int size() {
      return size;
    }

    ByteBuffer contents() {
      return ByteBuffer.wrap(bytes, 0, size);
    }

    /** Appends the record of {@code entry}. */
    void write(TrailEntry entry) {
      int start = size;
      size += HEADER_BYTES;
      TrailEvent event = entry.event();
      putLong(entry.seq());
      putLong(event.eventTime().toEpochMilli());
      reserve(1);
      bytes[size++] = (byte) (event.readOnly() ? 1 : 0);
      putString(event.eventId());
      putString(event.accountId());
      putString(event.eventName());
      putString(event.eventSource());
      putString(event.username());
      putString(event.accessKeyId());
      putInt(event.resources().size());
      for (TrailEvent.Resource resource : event.resources()) {
        putString(resource.type());
        putString(resource.name());
        putString(resource.arn());
      }
      putString(event.cloudTrailEvent());
      int length = size - start - HEADER_BYTES;
      CRC32C crc = new CRC32C();
      crc.update(bytes, start + HEADER_BYTES, length);
      INT.set(bytes, start, length);
      INT.set(bytes, start + 4, (int) crc.getValue());
    }

    /**
     * Writes {@code value}'s length and UTF-8 bytes. ASCII, which the fields and nearly every event's
     * JSON are, is copied straight in; an encoded copy of each string was a twentieth of what a call
     * allocated.
     */
    private void putString(String value) {
      if (value == null) {
        putInt(NULL);
        return;
      }
      int length = value.length();
      reserve(4 + length);
      int start = size + 4;
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (c >= 0x80) {
          putEncoded(value.getBytes(StandardCharsets.UTF_8));
          return;
        }
        bytes[start + i] = (byte) c;
      }
      putInt(length);
      size += length;
    }

    private void putEncoded(byte[] utf8) {
      putInt(utf8.length);
      reserve(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    private void putInt(int value) {
      reserve(4);
      INT.set(bytes, size, value);
      size += 4;
    }

    private void putLong(long value) {
      reserve(8);
      LONG.set(bytes, size, value);
      size += 8;
    }

    private void reserve(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  /** Whether {@code payload} (its position to its limit) is what the header's checksum says. */
  static boolean intact(ByteBuffer payload, int checksum) {
    CRC32C crc = new CRC32C();
    crc.update(payload.duplicate());
    return (int) crc.getValue() == checksum;
  }

  /**
   * Decodes a payload; without {@code withJson} the event's CloudTrail JSON is left empty, for a
   * scan that only decides which records match.
   */
  static TrailEntry read(ByteBuffer payload, boolean withJson) {
    ByteBuffer in = payload.duplicate();
    long seq = in.getLong();
    Instant at = Instant.ofEpochMilli(in.getLong());
    boolean readOnly = in.get() == 1;
    String eventId = string(in);
    String accountId = string(in);
    String eventName = string(in);
    String eventSource = string(in);
    String username = string(in);
    String accessKeyId = string(in);
    int count = in.getInt();
    List<TrailEvent.Resource> resources = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      resources.add(new TrailEvent.Resource(string(in), string(in), string(in)));
    }
    String json = withJson ? string(in) : "";
    return new TrailEntry(seq, new TrailEvent(eventId, at, accountId, eventName, eventSource, username, accessKeyId,
        readOnly, resources, json));
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length == NULL) {
      return null;
    }
    String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }
}
