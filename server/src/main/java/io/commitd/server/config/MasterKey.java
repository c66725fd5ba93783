package io.commitd.server.config;

import io.commitd.iam.identity.SecretBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The key that seals stored secrets: configured, or kept in {@code <data dir>/master.key}
 * (mode 0600), generated on first start. Losing it makes stored access-key secrets unreadable.
 */
public final class MasterKey {
  public static final String FILE_NAME = "master.key";

  private MasterKey() {}

  public static byte[] load(ServerConfig config) throws IOException {
    if (config.masterKey() != null) {
      return Base64.getDecoder().decode(config.masterKey().trim());
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    if (Files.exists(file)) {
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
    byte[] key = SecretBox.newMasterKey();
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    return key;
  }
}
