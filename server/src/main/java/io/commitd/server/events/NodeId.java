package io.commitd.server.events;

import io.commitd.server.config.WholeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This node's name among the dispatchers sharing a database, kept in {@code <dataDir>/node.id} so a
 * restarted node recognises (and releases) the event claims it held before.
 */
public final class NodeId {
  private NodeId() {}

  /** This node's id, generated into {@code node.id} the first time (or when a stopped start left it empty). */
  public static String load(Path dataDir) throws IOException {
    Path file = dataDir.resolve("node.id");
    if (!Files.exists(file) || Files.size(file) == 0) {
      // An empty file is a first start stopped before it wrote the id: no claim was ever made under it.
      WholeFile.write(file, (UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8), false);
    }
    String id = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (id.isEmpty() || id.length() > 64) {
      throw new IOException(file + " must hold this node's id (1 to 64 characters)");
    }
    return id;
  }
}
