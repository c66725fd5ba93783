package io.commitd.storage.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Copies one repository from a storage engine to another, by id: a pack of everything its refs
 * reach (less what the target already has), then the refs in one atomic compare-and-swap against
 * the target's current values, then HEAD. Repeating a copy is cheap: a target whose refs already
 * equal the source's is left alone.
 *
 * <p>This moves storage, not history: every ref keeps the value it had, so nothing is authorized,
 * journaled or announced. It is meant for a stopped server ({@code commitd storage migrate}), not as
 * a way to change refs.
 */
public final class RepositoryCopy {
  private RepositoryCopy() {}

  /** What a copy did. */
  public enum Status {
    COPIED,
    UP_TO_DATE
  }

  /**
   * @param objects the objects reachable from the refs, counted in the target after the copy
   * @param refs how many refs (HEAD aside) the repository has
   */
  public record Outcome(String repositoryId, Status status, long objects, int refs) {}

  /** Thrown when the target does not match the source after a copy. */
  public static final class VerificationException extends IOException {
    private static final long serialVersionUID = 1L;

    VerificationException(String message) {
      super(message);
    }
  }

  public static Outcome copy(RepositoryStore from, RepositoryStore to, String repositoryId, Path scratch) throws IOException {
    try (Repository source = from.open(repositoryId)) {
      Map<String, ObjectId> sourceRefs = refValues(source);
      String sourceHead = headTarget(source);
      try (Repository target = openOrCreate(to, repositoryId)) {
        if (refValues(target).equals(sourceRefs) && sourceHead.equals(headTarget(target))) {
          return new Outcome(repositoryId, Status.UP_TO_DATE, reachableObjects(target, sourceRefs), sourceRefs.size());
        }
        copyObjects(source, target, sourceRefs, scratch);
        updateRefs(target, sourceRefs);
        linkHead(target, sourceHead);
      }
      // Verify through a fresh view: what every later reader will see.
      try (Repository target = to.open(repositoryId)) {
        Map<String, ObjectId> copied = refValues(target);
        if (!copied.equals(sourceRefs) || !sourceHead.equals(headTarget(target))) {
          throw new VerificationException(repositoryId + ": refs differ after the copy");
        }
        long expected = reachableObjects(source, sourceRefs);
        long actual = reachableObjects(target, copied);
        if (expected != actual) {
          throw new VerificationException(repositoryId + ": " + actual + " objects after the copy, not " + expected);
        }
        return new Outcome(repositoryId, Status.COPIED, actual, copied.size());
      }
    }
  }

  private static Repository openOrCreate(RepositoryStore store, String repositoryId) throws IOException {
    try {
      return store.open(repositoryId);
    } catch (RepositoryNotFoundException absent) {
      store.create(repositoryId);
      return store.open(repositoryId);
    }
  }

  /** Every ref but HEAD, by name; symbolic refs other than HEAD are copied by value. */
  static Map<String, ObjectId> refValues(Repository repository) throws IOException {
    Map<String, ObjectId> values = new TreeMap<>();
    for (Ref ref : repository.getRefDatabase().getRefs()) {
      if (!ref.getName().equals(Constants.HEAD) && ref.getObjectId() != null) {
        values.put(ref.getName(), ref.getObjectId());
      }
    }
    return values;
  }

  private static String headTarget(Repository repository) throws IOException {
    Ref head = Refs.exact(repository, Constants.HEAD);
    return head != null && head.isSymbolic() ? head.getTarget().getName() : "";
  }

  private static void copyObjects(Repository source, Repository target, Map<String, ObjectId> wants, Path scratch)
      throws IOException {
    Set<ObjectId> haves = new HashSet<>();
    for (ObjectId id : refValues(target).values()) {
      if (source.getObjectDatabase().has(id)) {
        haves.add(id);
      }
    }
    Path pack = Files.createTempFile(scratch, "copy-", ".pack");
    try {
      try (PackWriter writer = new PackWriter(source); OutputStream out = Files.newOutputStream(pack)) {
        writer.setUseBitmaps(true);
        writer.preparePack(NullProgressMonitor.INSTANCE, new HashSet<>(wants.values()), haves);
        writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
      }
      try (ObjectInserter inserter = target.newObjectInserter(); InputStream in = Files.newInputStream(pack)) {
        PackParser parser = inserter.newPackParser(in);
        parser.setAllowThin(false);
        parser.parse(NullProgressMonitor.INSTANCE);
        inserter.flush();
      }
    } finally {
      Files.deleteIfExists(pack);
    }
  }

  /** One atomic batch: each ref from the target's current value (or absence) to the source's. */
  private static void updateRefs(Repository target, Map<String, ObjectId> sourceRefs) throws IOException {
    Map<String, ObjectId> current = refValues(target);
    List<ReceiveCommand> commands = new ArrayList<>();
    for (Map.Entry<String, ObjectId> ref : sourceRefs.entrySet()) {
      ObjectId old = current.getOrDefault(ref.getKey(), ObjectId.zeroId());
      if (!old.equals(ref.getValue())) {
        commands.add(new ReceiveCommand(old, ref.getValue(), ref.getKey()));
      }
    }
    for (Map.Entry<String, ObjectId> ref : current.entrySet()) {
      if (!sourceRefs.containsKey(ref.getKey())) {
        commands.add(new ReceiveCommand(ref.getValue(), ObjectId.zeroId(), ref.getKey()));
      }
    }
    if (commands.isEmpty()) {
      return;
    }
    BatchRefUpdate batch = target.getRefDatabase().newBatchUpdate().setAtomic(true).setAllowNonFastForwards(true);
    batch.addCommand(commands);
    try (RevWalk walk = new RevWalk(target)) {
      batch.execute(walk, NullProgressMonitor.INSTANCE);
    }
    for (ReceiveCommand command : commands) {
      if (command.getResult() != ReceiveCommand.Result.OK) {
        throw new IOException(command.getRefName() + ": " + command.getResult() + " "
            + (command.getMessage() == null ? "" : command.getMessage()));
      }
    }
  }

  private static void linkHead(Repository target, String headTarget) throws IOException {
    if (headTarget.isEmpty() || headTarget.equals(headTarget(target))) {
      return;
    }
    RefUpdate head = target.updateRef(Constants.HEAD);
    head.disableRefLog();
    RefUpdate.Result result = head.link(headTarget);
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
      throw new IOException("HEAD -> " + headTarget + ": " + result);
    }
  }

  /** Objects reachable from {@code refs}: what a mirror clone would receive. */
  static long reachableObjects(Repository repository, Map<String, ObjectId> refs) throws IOException {
    long count = 0;
    try (ObjectWalk walk = new ObjectWalk(repository)) {
      for (ObjectId id : new HashSet<>(refs.values())) {
        walk.markStart(walk.parseAny(id));
      }
      while (walk.next() != null) {
        count++;
      }
      for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
        count++;
      }
    }
    return count;
  }
}
