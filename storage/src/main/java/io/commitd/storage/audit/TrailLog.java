package io.commitd.storage.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trail as files: events appended to segment files in a directory of their own, each segment
 * summarized ({@link TrailSegment}) so that a lookup reads only the segments that can hold what it
 * looks for, newest first. The store of the embedded database's servers: in the database, every
 * event cost nine B-tree entries and a share of a transaction, as much CPU as the call it recorded;
 * here it costs a few microseconds of encoding and a share of one write.
 *
 * <p>One writer appends (the {@link TrailWriter}); lookups read concurrently. A batch is one write:
 * an interrupted write leaves a torn record, which the next open cuts off, and a failed one is cut
 * back at once, so a batch is appended whole or not at all. Records reach the operating system with
 * each append, as the embedded database's commits did; neither syncs to the disk.
 *
 * <p>A purge deletes the segments whose events are all older than its cutoff and records the cutoff
 * ({@code purged-before}), below which lookups see nothing of the segments that remain.
 */
public final class TrailLog implements TrailStore {
  /** The log's folder in a data directory. */
  public static final String DIRECTORY = "trail";
  /** A segment is sealed once it holds this much; then appends go to a new one. */
  static final long SEGMENT_BYTES = 8L << 20;
  private static final String PURGED_BEFORE = "purged-before";
  private static final int IMPORT_BATCH = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(TrailLog.class);

  private final Path directory;
  private final long segmentBytes;
  private final TrailRecords.Output output = new TrailRecords.Output();
  /** Oldest first; replaced, never changed, so a lookup reads the list it took. */
  private volatile List<TrailSegment> segments;
  private volatile long purgedBefore;
  private long nextSeq;

  private TrailLog(Path directory, long segmentBytes, List<TrailSegment> segments, long purgedBefore) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.segments = List.copyOf(segments);
    this.purgedBefore = purgedBefore;
    this.nextSeq = segments.isEmpty() ? 1 : segments.get(segments.size() - 1).lastSeq() + 1;
  }

  /** Opens the log in {@code directory}, creating it when it is not there. */
  public static TrailLog open(Path directory) throws IOException {
    return open(directory, SEGMENT_BYTES);
  }

  static TrailLog open(Path directory, long segmentBytes) throws IOException {
    Files.createDirectories(directory);
    List<Path> files = segmentFiles(directory);
    List<TrailSegment> segments = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      TrailSegment segment = TrailSegment.load(files.get(i));
      if (!segment.sealed() && i < files.size() - 1) {
        segment.seal(); // its summary was not written: the run that filled it stopped in between
      }
      segments.add(segment);
    }
    return new TrailLog(directory, segmentBytes, segments, readPurgedBefore(directory));
  }

  @Override
  public synchronized void appendAll(List<TrailEvent> events) {
    List<TrailEntry> entries = new ArrayList<>(events.size());
    long seq = nextSeq;
    for (TrailEvent event : events) {
      entries.add(new TrailEntry(seq++, event));
    }
    appendEntries(entries);
  }

  /**
   * Moves the events of the database's trail table into the log (the trail of a server from before
   * the log, or of a restored backup), keeping their sequence numbers: a batch at a time, copied in
   * order and then deleted, so a stop midway copies the rest at the next start. Returns how many moved.
   */
  public synchronized int importFrom(SqlTrailStore table) {
    long after = nextSeq - 1;
    if (after > 0) {
      table.deleteThrough(after); // copied by a start that stopped before it deleted them
    }
    int moved = 0;
    List<TrailEntry> batch;
    while (!(batch = table.readAfter(after, IMPORT_BATCH)).isEmpty()) {
      appendEntries(batch);
      after = batch.get(batch.size() - 1).seq();
      table.deleteThrough(after);
      moved += batch.size();
    }
    if (moved > 0) {
      LOG.info("moved {} audit trail events from the database into {}", moved, directory);
    }
    return moved;
  }

  /** Appends events numbered already, after the last one here. */
  synchronized void appendEntries(List<TrailEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    TrailSegment segment;
    try {
      segment = writableSegment(entries.get(0).seq());
      output.reset();
      for (TrailEntry entry : entries) {
        output.write(entry);
      }
      segment.append(output, entries);
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to the audit trail in " + directory, e);
    }
    nextSeq = entries.get(entries.size() - 1).seq() + 1;
    if (segment.end() >= segmentBytes) {
      sealQuietly(segment);
    }
  }

  /** The events are written: a summary that fails to be written is tried again at the next append. */
  private void sealQuietly(TrailSegment segment) {
    try {
      segment.seal();
    } catch (IOException e) {
      LOG.warn("could not seal the audit trail segment {}; it takes appends until it can be", segment.file(), e);
    }
  }

  private TrailSegment writableSegment(long firstSeq) throws IOException {
    List<TrailSegment> current = segments;
    TrailSegment last = current.isEmpty() ? null : current.get(current.size() - 1);
    if (last != null && !last.sealed()) {
      return last;
    }
    TrailSegment created = TrailSegment.create(directory, firstSeq);
    List<TrailSegment> grown = new ArrayList<>(current);
    grown.add(created);
    segments = List.copyOf(grown);
    return created;
  }

  @Override
  public Page lookup(Lookup lookup) {
    long floor = Math.max(lookup.start().toEpochMilli(), purgedBefore);
    long ceiling = lookup.end().toEpochMilli();
    long idMillis = lookup.eventIdMillis();
    if (idMillis >= 0) {
      floor = Math.max(floor, idMillis);
      ceiling = Math.min(ceiling, idMillis);
    }
    long key = TrailKeys.of(lookup);
    long visibleFrom = purgedBefore;
    List<TrailEntry> found = new ArrayList<>();
    List<TrailSegment> all = segments;
    try {
      for (int i = all.size() - 1; i >= 0 && found.size() <= lookup.limit(); i--) {
        TrailSegment segment = all.get(i);
        long end = segment.end();
        if (lookup.afterSeq() != null && segment.firstSeq() >= lookup.afterSeq()) {
          continue;
        }
        if (segment.mayHold(floor, ceiling, key)) {
          segment.newestFirst(end,
              entry -> entry.event().eventTime().toEpochMilli() >= visibleFrom && lookup.admits(entry.seq(), entry.event()),
              lookup.limit() + 1 - found.size(), found);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the audit trail in " + directory, e);
    }
    return TrailEntry.page(found, lookup.limit());
  }

  /**
   * Hides the events before {@code cutoff} from lookups and deletes the segments that hold nothing
   * newer (never the last, which numbers the next event); returns how many events went.
   */
  @Override
  public synchronized int purgeBefore(Instant cutoff) {
    long cut = cutoff.toEpochMilli();
    if (cut <= purgedBefore) {
      return 0;
    }
    try {
      int purged = 0;
      List<TrailSegment> kept = new ArrayList<>();
      List<TrailSegment> current = segments;
      for (int i = 0; i < current.size(); i++) {
        TrailSegment segment = current.get(i);
        if (segment.count() > 0 && segment.minTime() < cut) {
          purged += segment.countBetween(purgedBefore, cut);
        }
        boolean expired = segment.count() == 0 || segment.maxTime() < cut;
        if (!expired || i == current.size() - 1) {
          kept.add(segment);
        }
      }
      writePurgedBefore(cut);
      purgedBefore = cut;
      segments = List.copyOf(kept);
      for (TrailSegment segment : current) {
        if (!kept.contains(segment)) {
          segment.delete();
        }
      }
      return purged;
    } catch (IOException e) {
      throw new UncheckedIOException("could not purge the audit trail in " + directory, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      for (TrailSegment segment : segments) {
        segment.close();
      }
    } catch (IOException e) {
      LOG.warn("could not close the audit trail in {}", directory, e);
    }
  }

  /**
   * Reads every event a log in {@code directory} holds, oldest first, without opening it for
   * appends: for a backup of a running server, which may be appending (a record it is writing is
   * not read).
   */
  public static void readAll(Path directory, Consumer<TrailEntry> into) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    long visibleFrom = readPurgedBefore(directory);
    for (Path file : segmentFiles(directory)) {
      try (FileChannel channel = FileChannel.open(file)) {
        TrailSegment.scan(channel, channel.size(), (offset, payload) -> {
          TrailEntry entry = TrailRecords.read(payload, true);
          if (entry.event().eventTime().toEpochMilli() >= visibleFrom) {
            into.accept(entry);
          }
        });
      } catch (NoSuchFileException purged) {
        // purged by the server since the listing
      }
    }
  }

  private static List<Path> segmentFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(TrailSegment.SUFFIX)).sorted().toList();
    }
  }

  private static long readPurgedBefore(Path directory) throws IOException {
    Path file = directory.resolve(PURGED_BEFORE);
    return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()) : Long.MIN_VALUE;
  }

  private void writePurgedBefore(long cut) throws IOException {
    Path file = directory.resolve(PURGED_BEFORE);
    Path temporary = directory.resolve(PURGED_BEFORE + ".tmp");
    Files.writeString(temporary, Long.toString(cut), StandardCharsets.US_ASCII);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
