package io.commitd.server.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This node's name among the dispatchers sharing a database, kept in {@code <dataDir>/node.id} so a
 * restarted node recognises (and releases) the event claims it held before.
 */
public final class NodeId {
  private NodeId() {}

  public static String load(Path dataDir) throws IOException {
    Path file = dataDir.resolve("node.id");
    if (!Files.exists(file)) {
      try {
        Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        // Another start won the race; its id is as good.
      }
    }
    String id = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (id.isEmpty() || id.length() > 64) {
      throw new IOException(file + " must hold this node's id (1 to 64 characters)");
    }
    return id;
  }
}
