package io.commitd.storage.git;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.text.MessageFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.pack.BinaryDelta;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BlobObjectChecker;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.ObjectIdSubclassMap;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ObjectStream;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackLock;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.transport.PackedObjectInfo;
import org.eclipse.jgit.util.sha1.SHA1;

/**
 * Indexes a received pack into a repository of JGit's file storage using every core, where JGit's
 * own parser resolves deltas on one thread. While the stream is read, each object's bytes go to a
 * temporary pack file and whole objects are hashed by helpers; once it is read, the delta chains
 * are resolved tree by tree in parallel. Each object is hashed with JGit's SHA-1 (collision
 * detecting unless configured otherwise), checked by the object checker, and compared with a copy
 * the repository already has, as JGit's parser does; then the index is written and the pack moved
 * into place under its {@code .keep} lock.
 *
 * <p>What this parser does not do, JGit's does: a receive-pack that asks for the new or base
 * object ids (reachability checks) or expects data after the pack is handed to JGit's parser.
 */
final class ParallelPackParser extends SelfParsingPackParser implements SelfContainedPack {
  /** Whole blobs larger than this are hashed as they stream instead of being held in memory. */
  private static final int STREAMED_BLOB = 8 << 20;
  /** Inflated deltas kept from the stream so that resolving them reads nothing again. */
  private static final long KEPT_DELTAS_BUDGET = 64L << 20;
  /** Whole objects held for helpers to hash, in KiB. */
  private static final int HASHING_BUDGET_KIB = 32 << 10;

  private final Repository repository;
  private final ObjectDirectory database;
  private final InputStream source;
  private final JGitParser jgitParser;
  private ObjectChecker checker;
  private long maxObjectSize;
  private boolean needNewObjectIds;
  private boolean needBaseObjectIds;
  private PackParser delegate;
  private long packSize = -1;

  private ObjectDatabase lookups;
  private PackEntries entries;
  private final Map<ObjectId, List<Integer>> refDeltas = new HashMap<>();
  private Map<ObjectId, List<Integer>> unclaimedRefDeltas;
  private final List<Integer> streamedBlobs = new ArrayList<>();
  private final ConcurrentLinkedQueue<Hashed> hashedWhileStreaming = new ConcurrentLinkedQueue<>();
  /** Every set of tools made for this pack, to close at its end; {@code idleTools} are those not lent out. */
  private final ConcurrentLinkedQueue<WorkerTools> tools = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<WorkerTools> idleTools = new ConcurrentLinkedQueue<>();
  private final Semaphore hashingBudget = new Semaphore(HASHING_BUDGET_KIB);
  private IndexingWork work;
  private IncomingPackFile file;
  private long dataEnd;
  private int appendedBases;
  private ObjectIdOwnerMap<PackedObjectInfo> selfContained;

  ParallelPackParser(Repository repository, ObjectDirectory database, InputStream source, JGitParser jgitParser) {
    super(database, source);
    this.repository = repository;
    this.database = database;
    this.source = source;
    this.jgitParser = jgitParser;
  }

  /** Opens JGit's own parser of the same stream, for what this one leaves to it. */
  interface JGitParser {
    PackParser open() throws IOException;
  }

  @Override
  public void setObjectChecker(ObjectChecker checker) {
    super.setObjectChecker(checker);
    this.checker = checker;
  }

  @Override
  public void setMaxObjectSizeLimit(long limit) {
    super.setMaxObjectSizeLimit(limit);
    this.maxObjectSize = limit;
  }

  @Override
  public void setNeedNewObjectIds(boolean need) {
    super.setNeedNewObjectIds(need);
    this.needNewObjectIds = need;
  }

  @Override
  public void setNeedBaseObjectIds(boolean need) {
    super.setNeedBaseObjectIds(need);
    this.needBaseObjectIds = need;
  }

  @Override
  public ObjectIdSubclassMap<ObjectId> getNewObjectIds() {
    return delegate != null ? delegate.getNewObjectIds() : super.getNewObjectIds();
  }

  @Override
  public ObjectIdSubclassMap<ObjectId> getBaseObjectIds() {
    return delegate != null ? delegate.getBaseObjectIds() : super.getBaseObjectIds();
  }

  @Override
  public long getPackSize() {
    if (delegate != null) {
      return delegate.getPackSize();
    }
    return packSize >= 0 ? packSize : 0;
  }

  @Override
  public PackLock parse(ProgressMonitor receiving, ProgressMonitor resolving) throws IOException {
    if (needNewObjectIds || needBaseObjectIds || isExpectDataAfterPackFooter()) {
      return parseWithJGit(receiving, resolving);
    }
    receiving = receiving == null ? NullProgressMonitor.INSTANCE : receiving;
    resolving = resolving == null ? NullProgressMonitor.INSTANCE : resolving;
    work = new IndexingWork();
    lookups = database.newCachedDatabase();
    file = new IncomingPackFile(database.getDirectory().toPath());
    try {
      byte[] trailer = readStream(receiving);
      work.awaitAll();
      for (Hashed hashed : hashedWhileStreaming) {
        entries.identify(hashed.index(), hashed.id(), hashed.type(), hashed.size());
      }
      checkStreamedBlobCollisions();
      resolveDeltas(resolving);
      trailer = completeThinPack(trailer);
      selfContained = selfContainedObjects();
      file.append(trailer, 0, trailer.length);
      file.sync();
      file.close();
      PackInstallation.Installed installed = PackInstallation.install(repository, database, file.path(),
          entries.objects(), trailer, getLockMessage());
      packSize = installed.size();
      return installed.lock();
    } finally {
      work.cancel();
      file.discard();
      for (WorkerTools t : tools) {
        t.close();
      }
    }
  }

  private PackLock parseWithJGit(ProgressMonitor receiving, ProgressMonitor resolving) throws IOException {
    delegate = jgitParser.open();
    delegate.setAllowThin(isAllowThin());
    delegate.setCheckEofAfterPackFooter(isCheckEofAfterPackFooter());
    delegate.setExpectDataAfterPackFooter(isExpectDataAfterPackFooter());
    delegate.setObjectChecker(checker);
    delegate.setLockMessage(getLockMessage());
    delegate.setMaxObjectSizeLimit(maxObjectSize);
    delegate.setNeedNewObjectIds(needNewObjectIds);
    delegate.setNeedBaseObjectIds(needBaseObjectIds);
    return delegate.parse(receiving, resolving);
  }

  // ---- the stream: one thread reads, helpers hash whole objects

  private byte[] readStream(ProgressMonitor receiving) throws IOException {
    MessageDigest packDigest = Constants.newMessageDigest();
    PackStreamInput input = new PackStreamInput(source, file, packDigest);
    try {
      long count = readHeader(input);
      entries = new PackEntries(count);
      receiving.beginTask(JGitText.get().receivingObjects, (int) count);
      long keptDeltaBytes = 0;
      for (long done = 0; done < count; done++) {
        keptDeltaBytes += readObject(input, keptDeltaBytes);
        receiving.update(1);
        if (receiving.isCancelled()) {
          throw new IOException(JGitText.get().downloadCancelled);
        }
      }
      receiving.endTask();
      dataEnd = input.position();
      entries.markEnd(dataEnd);
      byte[] computed = packDigest.digest();
      byte[] trailer = input.readTrailer();
      if (input.bufferedAfterTrailer() > 0) {
        throw new CorruptObjectException(MessageFormat.format(JGitText.get().expectedEOFReceived,
            "\\x" + Integer.toHexString(input.peekBuffered())));
      }
      if (isCheckEofAfterPackFooter()) {
        int next = source.read();
        if (next >= 0) {
          throw new CorruptObjectException(MessageFormat.format(JGitText.get().expectedEOFReceived,
              "\\x" + Integer.toHexString(next)));
        }
      }
      if (!Arrays.equals(computed, trailer)) {
        throw new CorruptObjectException(JGitText.get().corruptObjectPackfileChecksumIncorrect);
      }
      file.flush();
      return trailer;
    } finally {
      input.release();
    }
  }

  private static long readHeader(PackStreamInput input) throws IOException {
    for (int k = 0; k < Constants.PACK_SIGNATURE.length; k++) {
      if (input.peek(k) != (Constants.PACK_SIGNATURE[k] & 0xff)) {
        throw new IOException(JGitText.get().notAPACKFile);
      }
    }
    long version = uint32(input, 4);
    if (version != 2 && version != 3) {
      throw new IOException(MessageFormat.format(JGitText.get().unsupportedPackVersion, Long.valueOf(version)));
    }
    long count = uint32(input, 8);
    input.take(12);
    return count;
  }

  private static long uint32(PackStreamInput input, int at) throws IOException {
    return ((long) input.peek(at) << 24) | (input.peek(at + 1) << 16) | (input.peek(at + 2) << 8) | input.peek(at + 3);
  }

  /** Reads one object; returns the bytes of delta instructions it kept in memory. */
  private long readObject(PackStreamInput input, long keptDeltaBytes) throws IOException {
    long start = input.position();
    input.startObject();
    int h = 0;
    int c = input.peek(h++);
    int typeCode = (c >> 4) & 7;
    long size = c & 15;
    int shift = 4;
    while ((c & 0x80) != 0) {
      if (shift > 60) {
        throw PackEntries.corrupt(start, "object size header too long");
      }
      c = input.peek(h++);
      size += ((long) (c & 0x7f)) << shift;
      shift += 7;
    }
    checkSize(size);
    long kept = 0;
    switch (typeCode) {
      case Constants.OBJ_COMMIT, Constants.OBJ_TREE, Constants.OBJ_BLOB, Constants.OBJ_TAG -> {
        input.take(h);
        int index = entries.add(start, typeCode, size);
        readWholeObject(input, index, typeCode, size);
      }
      case Constants.OBJ_OFS_DELTA -> {
        c = input.peek(h++);
        long distance = c & 127;
        while ((c & 128) != 0) {
          if (distance > start) {
            throw PackEntries.corrupt(start, "delta base offset out of range");
          }
          c = input.peek(h++);
          distance = ((distance + 1) << 7) + (c & 127);
        }
        int base = distance > 0 && distance <= start ? entries.at(start - distance) : PackEntries.NONE;
        if (base == PackEntries.NONE) {
          throw PackEntries.corrupt(start, "delta base offset " + (start - distance) + " is not an object of the pack");
        }
        input.take(h);
        int index = entries.add(start, typeCode, size);
        entries.addDelta(base, index);
        kept = readDelta(input, index, size, keptDeltaBytes);
        entries.setCrc(index, input.objectCrc());
      }
      case Constants.OBJ_REF_DELTA -> {
        ObjectId base = input.peekId(h);
        input.take(h + 20);
        int index = entries.add(start, typeCode, size);
        refDeltas.computeIfAbsent(base, id -> new ArrayList<>(2)).add(index);
        kept = readDelta(input, index, size, keptDeltaBytes);
        entries.setCrc(index, input.objectCrc());
      }
      default -> throw new IOException(MessageFormat.format(JGitText.get().unknownObjectType, Integer.valueOf(typeCode)));
    }
    return kept;
  }

  private void readWholeObject(PackStreamInput input, int index, int type, long size) throws IOException {
    if (type == Constants.OBJ_BLOB && size > STREAMED_BLOB) {
      hashStreamedBlob(input, index, size);
      return;
    }
    byte[] data = new byte[(int) size];
    input.inflateFully(data);
    entries.setCrc(index, input.objectCrc());
    int permits = (int) Math.min(HASHING_BUDGET_KIB, (size >> 10) + 1);
    if (hashingBudget.tryAcquire(permits)) {
      work.submit(() -> {
        try {
          hashedWhileStreaming.add(new Hashed(index, withTools(t -> hashAndCheck(t, type, data)), type, data.length));
        } finally {
          hashingBudget.release(permits);
        }
      });
    } else {
      entries.identify(index, withTools(t -> hashAndCheck(t, type, data)), type, data.length);
    }
  }

  /** A whole object hashed by a helper while the stream was read (and the table of entries could grow). */
  private record Hashed(int index, ObjectId id, int type, long size) {
  }

  private void hashStreamedBlob(PackStreamInput input, int index, long size) throws IOException {
    SHA1 digest = startDigest(SHA1.newInstance(), Constants.OBJ_BLOB, size);
    BlobObjectChecker blobChecker = newBlobChecker();
    input.inflateInChunks(size, (chunk, offset, count) -> {
      digest.update(chunk, offset, count);
      if (blobChecker != null) {
        blobChecker.update(chunk, offset, count);
      }
    });
    ObjectId id = digest.toObjectId();
    if (blobChecker != null) {
      synchronized (checker) {
        blobChecker.endBlob(id);
      }
    }
    entries.setCrc(index, input.objectCrc());
    entries.identify(index, id, Constants.OBJ_BLOB, size);
    streamedBlobs.add(index);
  }

  /** The checker's own check of a blob's bytes, if it has one; the checker is shared with helpers. */
  private BlobObjectChecker newBlobChecker() {
    if (checker == null) {
      return null;
    }
    synchronized (checker) {
      return checker.newBlobObjectChecker();
    }
  }

  private long readDelta(PackStreamInput input, int index, long size, long keptDeltaBytes) throws IOException {
    if (size <= STREAMED_BLOB && keptDeltaBytes + size <= KEPT_DELTAS_BUDGET) {
      byte[] instructions = new byte[(int) size];
      input.inflateFully(instructions);
      entries.keepDelta(index, instructions);
      return size;
    }
    input.inflateInChunks(size, (chunk, offset, count) -> {
      // resolving reads it back from the file
    });
    return 0;
  }

  // ---- deltas: each tree of deltas on one thread, the trees on all of them

  private void resolveDeltas(ProgressMonitor resolving) throws IOException {
    unclaimedRefDeltas = new ConcurrentHashMap<>(refDeltas);
    int deltas = 0;
    for (int i = 0; i < entries.count(); i++) {
      if (isDelta(entries.storedAs(i))) {
        deltas++;
      }
    }
    if (deltas == 0) {
      return;
    }
    resolving.beginTask(JGitText.get().resolvingDeltas, deltas);
    ProgressMonitor progress = resolving;
    // Roots are chosen by how they are stored: a delta is identified by a helper while this loop runs.
    for (int i = 0; i < entries.count(); i++) {
      if (isDelta(entries.storedAs(i))) {
        continue;
      }
      PackedObjectInfo whole = entries.object(i);
      if (entries.hasDeltas(i) || unclaimedRefDeltas.containsKey(whole)) {
        int root = i;
        work.submit(() -> resolveTree(root, null, progress));
      }
    }
    work.awaitAll();
    resolving.endTask();
  }

  /**
   * Resolves every delta based on {@code root}, depth first, with an explicit stack: a malicious
   * chain may be as long as the pack.
   */
  private void resolveTree(int root, byte[] rootData, ProgressMonitor progress) throws IOException {
    withTools(t -> {
      resolveTree(t, root, rootData, progress);
      return null;
    });
  }

  private void resolveTree(WorkerTools t, int root, byte[] rootData, ProgressMonitor progress) throws IOException {
    PackedObjectInfo rootObject = entries.object(root);
    byte[] data = rootData != null ? rootData : t.entryReader.inflate(root);
    ArrayDeque<Visit> stack = new ArrayDeque<>();
    stack.push(new Visit(rootObject.getType(), data, basedOn(root, rootObject)));
    int resolved = 0;
    while (!stack.isEmpty() && !work.failed()) {
      Visit visit = stack.peek();
      if (visit.next == visit.deltas.length) {
        stack.pop();
        continue;
      }
      int delta = visit.deltas[visit.next++];
      byte[] instructions = entries.takeDelta(delta);
      if (instructions == null) {
        instructions = t.entryReader.inflate(delta);
      }
      byte[] result = applyDelta(delta, visit.data, instructions);
      entries.identify(delta, hashAndCheck(t, visit.type, result), visit.type, result.length);
      resolved++;
      stack.push(new Visit(visit.type, result, basedOn(delta, entries.object(delta))));
    }
    synchronized (progress) {
      progress.update(resolved);
    }
  }

  /** An object whose deltas are being resolved, and which of them is next. */
  private static final class Visit {
    final int type;
    final byte[] data;
    final int[] deltas;
    int next;

    Visit(int type, byte[] data, int[] deltas) {
      this.type = type;
      this.data = data;
      this.deltas = deltas;
    }
  }

  /** The deltas based on an object: those that name its offset, and those that name its id and no one claimed yet. */
  private int[] basedOn(int index, AnyObjectId id) {
    int[] byOffset = entries.deltasOf(index);
    List<Integer> byId = unclaimedRefDeltas.remove(id);
    if (byId == null) {
      return byOffset;
    }
    int[] all = Arrays.copyOf(byOffset, byOffset.length + byId.size());
    for (int k = 0; k < byId.size(); k++) {
      all[byOffset.length + k] = byId.get(k);
    }
    return all;
  }

  private byte[] applyDelta(int delta, byte[] base, byte[] instructions) throws IOException {
    try {
      if (BinaryDelta.getBaseSize(instructions) != base.length) {
        throw PackEntries.corrupt(entries.offset(delta), JGitText.get().baseLengthIncorrect);
      }
      checkSize(BinaryDelta.getResultSize(instructions));
      return BinaryDelta.apply(base, instructions);
    } catch (RuntimeException e) {
      CorruptObjectException corrupt = PackEntries.corrupt(entries.offset(delta), "invalid delta: " + e);
      corrupt.initCause(e);
      throw corrupt;
    }
  }

  // ---- every object: its id, the object checker, a copy the repository already has

  /** The object's id, once the object checker and the repository's copy of the id (if any) agree with it. */
  private ObjectId hashAndCheck(WorkerTools t, int type, byte[] data) throws IOException {
    SHA1 digest = t.digest(type, data.length);
    digest.update(data);
    ObjectId id = digest.toObjectId();
    if (checker != null) {
      synchronized (checker) {
        try {
          BlobObjectChecker blobChecker = type == Constants.OBJ_BLOB ? checker.newBlobObjectChecker() : null;
          if (blobChecker != null) {
            blobChecker.update(data, 0, data.length);
            blobChecker.endBlob(id);
          } else {
            checker.check(id, type, data);
          }
        } catch (CorruptObjectException e) {
          if (e.getErrorType() != null) {
            throw e;
          }
          throw new CorruptObjectException(MessageFormat.format(JGitText.get().invalidObject,
              Constants.typeString(type), id.name(), e.getMessage()), e);
        }
      }
    }
    if (checker != null) {
      t.references.addNamedBy(type, data);
    }
    if (isCheckObjectCollisions() && t.reader.has(id)) {
      try {
        ObjectLoader existing = t.reader.open(id, type);
        if (existing.getSize() != data.length || !Arrays.equals(existing.getCachedBytes(data.length), data)) {
          throw new IOException(MessageFormat.format(JGitText.get().collisionOn, id.name()));
        }
      } catch (MissingObjectException notHere) {
        // gone since has(): nothing to collide with
      }
    }
    return id;
  }

  private void checkStreamedBlobCollisions() throws IOException {
    if (isCheckObjectCollisions()) {
      withTools(t -> {
        checkStreamedBlobCollisions(t);
        return null;
      });
    }
  }

  private void checkStreamedBlobCollisions(WorkerTools t) throws IOException {
    for (int index : streamedBlobs) {
      PackedObjectInfo blob = entries.object(index);
      if (!t.reader.has(blob)) {
        continue;
      }
      try (ObjectStream existing = t.reader.open(blob, Constants.OBJ_BLOB).openStream();
          InputStream received = t.entryReader.stream(index)) {
        if (existing.getSize() != entries.size(index) || !sameBytes(existing, received)) {
          throw new IOException(MessageFormat.format(JGitText.get().collisionOn, blob.name()));
        }
      } catch (MissingObjectException notHere) {
        // gone since has(): nothing to collide with
      }
    }
  }

  private static boolean sameBytes(InputStream a, InputStream b) throws IOException {
    byte[] x = new byte[64 * 1024];
    byte[] y = new byte[64 * 1024];
    for (;;) {
      int n = a.readNBytes(x, 0, x.length);
      int m = b.readNBytes(y, 0, n == 0 ? 1 : n);
      if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
        return false;
      }
      if (n == 0) {
        return true;
      }
    }
  }

  // ---- a thin pack: the bases it left out are appended from the repository

  private byte[] completeThinPack(byte[] trailer) throws IOException {
    int unresolved = entries.unidentified();
    if (unresolved == 0) {
      return trailer;
    }
    if (!isAllowThin() || unclaimedRefDeltas.isEmpty()) {
      throw new IOException(MessageFormat.format(JGitText.get().packHasUnresolvedDeltas, Long.valueOf(unresolved)));
    }
    List<ObjectId> missing = withTools(this::appendMissingBases);
    for (ObjectId base : missing) {
      if (unclaimedRefDeltas.containsKey(base)) {
        throw new MissingObjectException(base, "delta base");
      }
    }
    unresolved = entries.unidentified();
    if (unresolved > 0) {
      throw new IOException(MessageFormat.format(JGitText.get().packHasUnresolvedDeltas, Long.valueOf(unresolved)));
    }
    return file.completeThinPack(trailer, dataEnd, entries.count());
  }

  /** Appends each base the pack's deltas name that the repository has, and resolves its deltas; returns the others. */
  private List<ObjectId> appendMissingBases(WorkerTools t) throws IOException {
    List<ObjectId> missing = new ArrayList<>();
    for (ObjectId base : new ArrayList<>(unclaimedRefDeltas.keySet())) {
      if (!unclaimedRefDeltas.containsKey(base)) {
        continue;
      }
      ObjectLoader loader;
      try {
        loader = t.reader.open(base);
      } catch (MissingObjectException notHere) {
        missing.add(base);
        continue;
      }
      byte[] data = loader.getCachedBytes(Integer.MAX_VALUE);
      int index = appendBase(loader.getType(), data);
      entries.identify(index, base, loader.getType(), data.length);
      appendedBases++;
      resolveTree(t, index, data, NullProgressMonitor.INSTANCE);
    }
    return missing;
  }

  private int appendBase(int type, byte[] data) throws IOException {
    long offset = file.length();
    int crc = file.appendWholeObject(type, data);
    int index = entries.add(offset, type, data.length);
    entries.setCrc(index, crc);
    entries.markEnd(file.length());
    return index;
  }

  // ---- what the pack holds everything reachable from

  @Override
  public boolean holdsAllReachableFrom(AnyObjectId id) {
    return selfContained != null && selfContained.contains(id);
  }

  /**
   * The pack's objects by id when every object they name is among them, as the type it is named as;
   * else null. Only checked objects were read for what they name, and a completed thin pack's bases
   * were not checked at all.
   */
  private ObjectIdOwnerMap<PackedObjectInfo> selfContainedObjects() {
    if (checker == null || appendedBases > 0) {
      return null;
    }
    ObjectIdOwnerMap<PackedObjectInfo> byId = new ObjectIdOwnerMap<>();
    for (PackedObjectInfo object : entries.objects()) {
      byId.addIfAbsent(object);
    }
    for (WorkerTools t : tools) {
      if (t.references.cannotTell()) {
        return null;
      }
      for (ReferencedObjects.Reference named : t.references) {
        PackedObjectInfo object = byId.get(named);
        if (object == null || object.getType() != named.type) {
          return null;
        }
      }
    }
    return byId;
  }

  // ---- helpers

  private void checkSize(long size) throws IOException {
    if (0 < maxObjectSize && maxObjectSize < size) {
      throw new TooLargeObjectInPackException(size, maxObjectSize);
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new TooLargeObjectInPackException(size, Integer.MAX_VALUE - 8);
    }
  }

  /** Starts the id of an object: its type and size, as git hashes them before the content. */
  private static SHA1 startDigest(SHA1 digest, int type, long size) {
    digest.update(Constants.encodedTypeString(type));
    digest.update((byte) ' ');
    digest.update(Constants.encodeASCII(size));
    digest.update((byte) 0);
    return digest;
  }

  /**
   * Lends one set of tools to {@code task}, made anew only when every other set is lent out. They are
   * lent, not kept per thread: the pool's threads outlive the pack, and tools kept in a
   * {@code ThreadLocal} kept this whole parser with them, every large push's entries staying on the
   * heap.
   */
  private <R> R withTools(ToolsTask<R> task) throws IOException {
    WorkerTools t = idleTools.poll();
    if (t == null) {
      t = new WorkerTools(lookups.newReader());
      tools.add(t);
    }
    try {
      return task.run(t);
    } finally {
      idleTools.add(t);
    }
  }

  private interface ToolsTask<R> {
    R run(WorkerTools tools) throws IOException;
  }

  /** What one thread needs to resolve objects: a digest, a reader of the pack and one of the repository. */
  private final class WorkerTools implements AutoCloseable {
    private final ObjectReader reader;
    private final PackEntryReader entryReader = new PackEntryReader(file, entries);
    private final SHA1 sha1 = SHA1.newInstance();
    private final ReferencedObjects references = new ReferencedObjects();

    WorkerTools(ObjectReader reader) {
      this.reader = reader;
    }

    SHA1 digest(int type, long size) {
      return startDigest(sha1.reset(), type, size);
    }

    /** Releases what the tools hold. */
    @Override
    public void close() {
      reader.close();
      entryReader.close();
      references.clear();
    }
  }

  private static boolean isDelta(int storedAs) {
    return storedAs == Constants.OBJ_OFS_DELTA || storedAs == Constants.OBJ_REF_DELTA;
  }

}
