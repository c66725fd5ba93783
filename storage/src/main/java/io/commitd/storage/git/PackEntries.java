package io.commitd.storage.git;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.transport.PackedObjectInfo;

/**
 * The objects of a pack being indexed, in the order they are in the file: where each starts, its
 * CRC-32, how it is stored (whole or a delta), the deltas based on it, and — once known — its id
 * and type. The stream's thread adds entries; afterwards every entry's id is set once, by whichever
 * thread computes it.
 */
final class PackEntries {
  static final int NONE = -1;

  private int count;
  private long[] offsets;
  private long[] sizes;
  private int[] crcs;
  private byte[] storedAs;
  private int[] firstDelta;
  private int[] nextDelta;
  private byte[][] keptDeltas;
  private PackedObjectInfo[] objects;
  private long end;

  PackEntries(long expectedCount) {
    // The count is the sender's word: grow to what arrives rather than allocate what is announced.
    int capacity = (int) Math.max(16, Math.min(expectedCount, 1 << 16));
    offsets = new long[capacity];
    sizes = new long[capacity];
    crcs = new int[capacity];
    storedAs = new byte[capacity];
    firstDelta = new int[capacity];
    nextDelta = new int[capacity];
    keptDeltas = new byte[capacity][];
    objects = new PackedObjectInfo[capacity];
  }

  /** Adds the entry starting at {@code offset}, stored as {@code typeCode} (a pack type code) of {@code size} bytes. */
  int add(long offset, int typeCode, long size) {
    if (count == offsets.length) {
      grow();
    }
    int index = count++;
    offsets[index] = offset;
    sizes[index] = size;
    storedAs[index] = (byte) typeCode;
    firstDelta[index] = NONE;
    nextDelta[index] = NONE;
    return index;
  }

  int count() {
    return count;
  }

  /** The error for the entry at {@code offset}, in the words of JGit's parser. */
  static CorruptObjectException corrupt(long offset, String why) {
    return new CorruptObjectException(MessageFormat.format(JGitText.get().packfileCorruptionDetected,
        "object at " + offset + ": " + why));
  }

  /** Marks where the last entry ends. */
  void markEnd(long position) {
    end = position;
  }

  /** Where the entry ends: where the next one starts, or the mark for the last. */
  long end(int index) {
    return index + 1 < count ? offsets[index + 1] : end;
  }

  long offset(int index) {
    return offsets[index];
  }

  /** The inflated size: of the object when stored whole, of the delta instruction stream otherwise. */
  long size(int index) {
    return sizes[index];
  }

  int storedAs(int index) {
    return storedAs[index];
  }

  void setCrc(int index, int crc) {
    crcs[index] = crc;
  }

  int crc(int index) {
    return crcs[index];
  }

  /** The entry that starts at {@code offset}, or {@link #NONE}. */
  int at(long offset) {
    int found = Arrays.binarySearch(offsets, 0, count, offset);
    return found >= 0 ? found : NONE;
  }

  /** Records that {@code delta} is a delta against {@code base}. */
  void addDelta(int base, int delta) {
    nextDelta[delta] = firstDelta[base];
    firstDelta[base] = delta;
  }

  /** The deltas against {@code base} that its offset names. */
  int[] deltasOf(int base) {
    int n = 0;
    for (int d = firstDelta[base]; d != NONE; d = nextDelta[d]) {
      n++;
    }
    int[] deltas = new int[n];
    n = 0;
    for (int d = firstDelta[base]; d != NONE; d = nextDelta[d]) {
      deltas[n++] = d;
    }
    return deltas;
  }

  boolean hasDeltas(int base) {
    return firstDelta[base] != NONE;
  }

  void keepDelta(int index, byte[] instructions) {
    keptDeltas[index] = instructions;
  }

  /** The delta's instructions if they were kept from the stream (only once), else null. */
  byte[] takeDelta(int index) {
    byte[] kept = keptDeltas[index];
    keptDeltas[index] = null;
    return kept;
  }

  /** Sets the entry's id and type once they are known. */
  void identify(int index, AnyObjectId id, int type, long objectSize) {
    PackedObjectInfo object = new PackedObjectInfo(id);
    object.setOffset(offsets[index]);
    object.setCRC(crcs[index]);
    object.setType(type);
    object.setFullSize(objectSize);
    objects[index] = object;
  }

  /** The entry's object, or null while its id is not known. */
  PackedObjectInfo object(int index) {
    return objects[index];
  }

  /** How many entries have no id yet. */
  int unidentified() {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (objects[i] == null) {
        n++;
      }
    }
    return n;
  }

  /** Every object, in pack order; call once all are identified. */
  List<PackedObjectInfo> objects() {
    List<PackedObjectInfo> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(objects[i]);
    }
    return list;
  }

  private void grow() {
    int capacity = offsets.length * 2;
    offsets = Arrays.copyOf(offsets, capacity);
    sizes = Arrays.copyOf(sizes, capacity);
    crcs = Arrays.copyOf(crcs, capacity);
    storedAs = Arrays.copyOf(storedAs, capacity);
    firstDelta = Arrays.copyOf(firstDelta, capacity);
    nextDelta = Arrays.copyOf(nextDelta, capacity);
    keptDeltas = Arrays.copyOf(keptDeltas, capacity);
    objects = Arrays.copyOf(objects, capacity);
  }
}
