package io.commitd.storage.git;

import java.util.Iterator;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The objects that some objects name, each with the type it is named as: a commit's tree and
 * parents, a tag's object, a tree's entries (submodule commits aside, which live elsewhere). Reads
 * objects the object checker has accepted, so their format is known to be sound. One thread's.
 */
final class ReferencedObjects implements Iterable<ReferencedObjects.Reference> {
  /** An object named by another, as the type it was named as. */
  static final class Reference extends ObjectIdOwnerMap.Entry {
    final int type;

    Reference(AnyObjectId id, int type) {
      super(id);
      this.type = type;
    }
  }

  private static final byte[] TREE = Constants.encodeASCII("tree ");
  private static final byte[] PARENT = Constants.encodeASCII("parent ");
  private static final byte[] OBJECT = Constants.encodeASCII("object ");
  private static final byte[] TYPE = Constants.encodeASCII("type ");

  private final ObjectIdOwnerMap<Reference> named = new ObjectIdOwnerMap<>();
  private final MutableObjectId scratch = new MutableObjectId();
  private boolean cannotTell;

  /**
   * Adds what the object of {@code type} and content {@code raw} names. An object the checker let
   * through unread (its skip list) or with an error it ignores may not parse: then nothing can be
   * told, and the pack is walked.
   */
  void addNamedBy(int type, byte[] raw) {
    try {
      switch (type) {
        case Constants.OBJ_TREE -> addTreeEntries(raw);
        case Constants.OBJ_COMMIT -> addCommitLinks(raw);
        case Constants.OBJ_TAG -> addTagTarget(raw);
        default -> {
          // a blob names nothing
        }
      }
    } catch (RuntimeException unreadable) {
      cannotTell = true;
    }
  }

  /** Whether one id was named as two types, or an object could not be read: the pack is walked. */
  boolean cannotTell() {
    return cannotTell;
  }

  /** Forgets everything named, to free the memory. */
  void clear() {
    named.clear();
  }

  @Override
  public Iterator<Reference> iterator() {
    return named.iterator();
  }

  private void addTreeEntries(byte[] raw) {
    int p = 0;
    while (p < raw.length) {
      int mode = 0;
      while (raw[p] != ' ') {
        mode = (mode << 3) + (raw[p++] - '0');
      }
      while (raw[p] != 0) {
        p++;
      }
      p++;
      int kind = mode & FileMode.TYPE_MASK;
      if (kind != FileMode.TYPE_GITLINK) {
        scratch.fromRaw(raw, p);
        add(kind == FileMode.TYPE_TREE ? Constants.OBJ_TREE : Constants.OBJ_BLOB);
      }
      p += Constants.OBJECT_ID_LENGTH;
    }
  }

  private void addCommitLinks(byte[] raw) {
    int p = TREE.length;
    scratch.fromString(raw, p);
    add(Constants.OBJ_TREE);
    p += Constants.OBJECT_ID_STRING_LENGTH + 1;
    while (RawParseUtils.match(raw, p, PARENT) >= 0) {
      p += PARENT.length;
      scratch.fromString(raw, p);
      add(Constants.OBJ_COMMIT);
      p += Constants.OBJECT_ID_STRING_LENGTH + 1;
    }
  }

  private void addTagTarget(byte[] raw) {
    int p = OBJECT.length;
    scratch.fromString(raw, p);
    p += Constants.OBJECT_ID_STRING_LENGTH + 1 + TYPE.length;
    String typeName = RawParseUtils.decode(raw, p, RawParseUtils.nextLF(raw, p) - 1);
    switch (typeName) {
      case Constants.TYPE_COMMIT -> add(Constants.OBJ_COMMIT);
      case Constants.TYPE_TREE -> add(Constants.OBJ_TREE);
      case Constants.TYPE_BLOB -> add(Constants.OBJ_BLOB);
      case Constants.TYPE_TAG -> add(Constants.OBJ_TAG);
      default -> cannotTell = true;
    }
  }

  private void add(int type) {
    Reference seen = named.get(scratch);
    if (seen == null) {
      named.add(new Reference(scratch, type));
    } else if (seen.type != type) {
      cannotTell = true;
    }
  }
}
