package io.commitd.server.config;

import io.commitd.storage.db.ServerSecrets;
import io.commitd.transport.ssh.HostKeyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The SSH host key of nodes sharing one database: every node must present the same key, or a
 * client behind a load balancer sees the host key change and refuses to connect. The key file the
 * SSH server reads is written from the shared copy before it starts.
 */
public final class SshHostKey {
  /** The file name in the data directory. */
  public static final String FILE_NAME = "ssh_host_key";
  /** The secret's name in {@code server_secrets}: the key file's bytes, base64. */
  public static final String SHARED_NAME = "ssh_host_key";

  private SshHostKey() {}

  /**
   * Writes the cluster's host key to {@code file} and returns it. The first node generates it (or
   * carries over the key {@code file} already holds, so a single node growing into a cluster keeps
   * its identity).
   */
  public static Path materialize(ServerSecrets shared, Path file) throws IOException {
    byte[] seed = Files.exists(file) ? Files.readAllBytes(file) : generate(file.resolveSibling(FILE_NAME + ".new"));
    byte[] key = Base64.getDecoder().decode(shared.getOrCreate(SHARED_NAME, () -> Base64.getEncoder().encodeToString(seed)));
    if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), key)) {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, key);
    }
    return file;
  }

  /** A new key as the SSH server itself would generate it ({@link HostKeyFile}), read back as bytes. */
  private static byte[] generate(Path scratch) throws IOException {
    Files.deleteIfExists(scratch);
    try {
      new HostKeyFile(scratch).loadKeys(null);
      return Files.readAllBytes(scratch);
    } finally {
      Files.deleteIfExists(scratch);
    }
  }
}
