package io.commitd.storage.git;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.internal.storage.file.BasePackIndexWriter;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackFile;
import org.eclipse.jgit.internal.storage.file.PackLockImpl;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.internal.storage.pack.PackIndexWriter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.CoreConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackLock;
import org.eclipse.jgit.transport.PackedObjectInfo;
import org.eclipse.jgit.util.FileUtils;

/**
 * Moves an indexed pack into {@code objects/pack} as JGit's parser does: named by its objects' ids,
 * its index written and synced beside it, both read-only, the pack first, under a {@code .keep}
 * lock when receive-pack asks for one, and opened in the object database.
 */
final class PackInstallation {
  /** The installed pack's lock (null when none was asked for, or the pack was there already) and size. */
  record Installed(PackLock lock, long size) {
  }

  private PackInstallation() {
  }

  static Installed install(Repository repository, ObjectDirectory database, Path packFile,
      List<PackedObjectInfo> objects, byte[] trailer, String lockMessage) throws IOException {
    if (objects.isEmpty()) {
      return new Installed(null, 0);
    }
    File packDirectory = database.getPackDirectory();
    PackFile pack = new PackFile(packDirectory, nameOf(objects), PackExt.PACK);
    PackFile index = pack.create(PackExt.INDEX);
    Path temporaryIndex = Path.of(packFile.toString().replaceFirst("\\.pack$", ".idx"));
    try {
      writeIndex(repository, temporaryIndex, objects, trailer);
      if (!packDirectory.exists() && !packDirectory.mkdir() && !packDirectory.exists()) {
        throw new IOException(MessageFormat.format(JGitText.get().cannotCreateDirectory, packDirectory));
      }
      if (pack.exists()) {
        return new Installed(null, pack.length() + index.length());
      }
      PackLockImpl keep = new PackLockImpl(pack, repository.getFS());
      if (lockMessage != null && !keep.lock(lockMessage)) {
        throw new IOException(MessageFormat.format(JGitText.get().cannotLockPackIn, pack));
      }
      try {
        packFile.toFile().setReadOnly();
        temporaryIndex.toFile().setReadOnly();
        Files.move(packFile, pack.toPath(), StandardCopyOption.ATOMIC_MOVE);
        Files.move(temporaryIndex, index.toPath(), StandardCopyOption.ATOMIC_MOVE);
        database.openPack(pack);
      } catch (IOException e) {
        keep.unlock();
        FileUtils.delete(pack, FileUtils.SKIP_MISSING);
        FileUtils.delete(index, FileUtils.SKIP_MISSING);
        throw e;
      }
      return new Installed(lockMessage != null ? keep : null, pack.length() + index.length());
    } finally {
      Files.deleteIfExists(temporaryIndex);
    }
  }

  /** JGit's name for a received pack: the SHA-1 of its objects' ids, in pack order. */
  private static ObjectId nameOf(List<PackedObjectInfo> objects) {
    MessageDigest names = Constants.newMessageDigest();
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    for (PackedObjectInfo object : objects) {
      object.copyRawTo(raw, 0);
      names.update(raw);
    }
    return ObjectId.fromRaw(names.digest());
  }

  private static void writeIndex(Repository repository, Path path, List<PackedObjectInfo> objects, byte[] trailer)
      throws IOException {
    List<PackedObjectInfo> sorted = new ArrayList<>(objects);
    Collections.sort(sorted);
    int version = repository.getConfig().get(CoreConfig.KEY).getPackIndexVersion();
    try (FileOutputStream out = new FileOutputStream(path.toFile())) {
      PackIndexWriter writer = version <= 0
          ? BasePackIndexWriter.createOldestPossible(out, sorted)
          : BasePackIndexWriter.createVersion(out, version);
      writer.write(sorted, trailer);
      out.getChannel().force(true);
    }
  }
}
