package io.commitd.server.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds a data directory for the one commitd that serves it. The embedded database does not refuse a
 * second server (H2's auto-server, there for backups, hands it the first one's database), and two
 * servers would repack the same repositories, append to the same trail segments and each keep caches
 * that the other's writes never reach. The operating system releases the lock when the process ends,
 * however it ends.
 */
public final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "commitd.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes {@code dataDir} or fails the start, naming the directory and what to do. */
  public static DataDirectoryLock acquire(Path dataDir) throws IOException {
    FileChannel channel = FileChannel.open(dataDir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this process holds it already: a second server started in the same JVM
    }
    if (lock == null) {
      channel.close();
      throw new StartupFailure("the data directory " + dataDir.toAbsolutePath().normalize()
          + " is in use by another commitd: stop it, or set COMMITD_DATA_DIR to another directory", null);
    }
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
