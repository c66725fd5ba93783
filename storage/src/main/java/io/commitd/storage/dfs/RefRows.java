package io.commitd.storage.dfs;

import io.commitd.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.SymbolicRef;

/**
 * The {@code dfs_refs} table. Every change is a compare-and-swap in one statement: an UPDATE or
 * DELETE whose WHERE holds the expected old value, or an INSERT that does nothing when the ref
 * already exists. A row count of one means the swap won.
 */
final class RefRows {
  private RefRows() {}

  /** What a ref is expected to be, or is to become: absent, an object id, or a symbolic link. */
  record Value(ObjectId objectId, String symbolicTarget, boolean peeled, ObjectId peeledObjectId) {
    static final Value ABSENT = new Value(null, null, false, null);

    static Value of(Ref ref) {
      if (ref.isSymbolic()) {
        return symbolic(ref.getTarget().getName());
      }
      if (ref.getObjectId() == null) {
        return ABSENT;
      }
      return new Value(ref.getObjectId(), null, ref.isPeeled(), ref.getPeeledObjectId());
    }

    static Value symbolic(String target) {
      return new Value(null, target, false, null);
    }

    static Value unpeeled(ObjectId id) {
      return id == null || ObjectId.zeroId().equals(id) ? ABSENT : new Value(id, null, false, null);
    }

    boolean isAbsent() {
      return objectId == null && symbolicTarget == null;
    }
  }

  static List<Ref> all(Connection c, String repositoryId) throws SQLException {
    return Sql.query(
        c,
        "SELECT ref_name, object_id, symbolic_target, peeled, peeled_object_id"
            + " FROM dfs_refs WHERE repository_id = ?",
        row ->
            toRef(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getBoolean(4),
                row.getString(5)),
        repositoryId);
  }

  /** Sets {@code name} to {@code next} if it is still {@code expected}; true if it was. */
  static boolean compareAndPut(
      Connection c, String repositoryId, String name, Value expected, Value next, long now)
      throws SQLException {
    if (next.isAbsent()) {
      return compareAndRemove(c, repositoryId, name, expected);
    }
    String objectId = next.objectId() == null ? null : next.objectId().name();
    String peeledId = next.peeledObjectId() == null ? null : next.peeledObjectId().name();
    if (expected.isAbsent()) {
      return Sql.update(
              c,
              "INSERT INTO dfs_refs (repository_id, ref_name, object_id, symbolic_target, peeled,"
                  + " peeled_object_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING",
              repositoryId,
              name,
              objectId,
              next.symbolicTarget(),
              next.peeled(),
              peeledId,
              now)
          == 1;
    }
    Condition condition = Condition.of(expected);
    return Sql.update(
            c,
            "UPDATE dfs_refs SET object_id = ?, symbolic_target = ?, peeled = ?,"
                + " peeled_object_id = ?, updated_at = ?"
                + " WHERE repository_id = ? AND ref_name = ? AND "
                + condition.sql(),
            objectId,
            next.symbolicTarget(),
            next.peeled(),
            peeledId,
            now,
            repositoryId,
            name,
            condition.value())
        == 1;
  }

  /** Deletes {@code name} if it is still {@code expected}; expecting it absent, true if it is. */
  static boolean compareAndRemove(Connection c, String repositoryId, String name, Value expected)
      throws SQLException {
    if (expected.isAbsent()) {
      return Sql.query(
              c,
              "SELECT 1 FROM dfs_refs WHERE repository_id = ? AND ref_name = ?",
              row -> 1,
              repositoryId,
              name)
          .isEmpty();
    }
    Condition condition = Condition.of(expected);
    return Sql.update(
            c,
            "DELETE FROM dfs_refs WHERE repository_id = ? AND ref_name = ? AND " + condition.sql(),
            repositoryId,
            name,
            condition.value())
        == 1;
  }

  static void deleteAll(Connection c, String repositoryId) throws SQLException {
    Sql.update(c, "DELETE FROM dfs_refs WHERE repository_id = ?", repositoryId);
  }

  private static Ref toRef(
      String name, String objectId, String symbolicTarget, boolean peeled, String peeledObjectId) {
    if (symbolicTarget != null) {
      // The target is resolved by DfsRefDatabase against the other refs; this is its placeholder.
      return new SymbolicRef(name, new ObjectIdRef.Unpeeled(Ref.Storage.NEW, symbolicTarget, null));
    }
    ObjectId id = ObjectId.fromString(objectId);
    if (!peeled) {
      return new ObjectIdRef.Unpeeled(Ref.Storage.PACKED, name, id);
    }
    if (peeledObjectId != null) {
      return new ObjectIdRef.PeeledTag(
          Ref.Storage.PACKED, name, id, ObjectId.fromString(peeledObjectId));
    }
    return new ObjectIdRef.PeeledNonTag(Ref.Storage.PACKED, name, id);
  }

  /** The WHERE clause that holds a ref to its expected value. */
  private record Condition(String sql, String value) {
    static Condition of(Value expected) {
      return expected.symbolicTarget() != null
          ? new Condition("symbolic_target = ?", expected.symbolicTarget())
          : new Condition("object_id = ?", expected.objectId().name());
    }
  }
}
