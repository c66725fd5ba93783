package io.commitd.storage.dfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 side of pack storage: every file of a pack is the object
 * {@code repositories/<repositoryId>/<packName>.<ext>}. Files are only ever addressed by name from
 * the pack list in PostgreSQL; nothing here lists the bucket.
 */
final class S3PackFiles implements AutoCloseable {
  /** Files up to this size go up in one PUT; larger ones in parts of this size. */
  static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;
  /** Uploads running in the background at once; beyond this, the writer uploads itself. */
  private static final int BACKGROUND_UPLOADS = 16;

  private final S3Client s3;
  private final String bucket;
  private final int partSize;

  private final S3RepositoryStore.EncryptionKeys encryptionKeys;
  /** Set once the store answered that it does not implement server-side encryption. */
  private final AtomicBoolean sseUnsupported = new AtomicBoolean();
  private final ThreadPoolExecutor uploads =
      new ThreadPoolExecutor(
          0,
          BACKGROUND_UPLOADS,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          runnable -> {
            Thread thread = new Thread(runnable, "commitd-s3-upload");
            thread.setDaemon(true);
            return thread;
          },
          // Saturated or closed: the writer uploads itself (CallerRunsPolicy would drop the upload
          // once closed, and whoever waits for it would wait forever).
          (upload, executor) -> upload.run());

  S3PackFiles(S3Client s3, String bucket, int partSize, S3RepositoryStore.EncryptionKeys encryptionKeys) {
    this.s3 = s3;
    this.bucket = bucket;
    this.partSize = partSize;
    this.encryptionKeys = encryptionKeys;
  }

  /** A new set of background uploads, for one view. */
  PendingUploads newUploads() {
    return new PendingUploads(uploads);
  }

  static String key(String repositoryId, String fileName) {
    return "repositories/" + repositoryId + "/" + fileName;
  }

  ReadableChannel open(String repositoryId, DfsPackDescription pack, PackExt ext)
      throws IOException {
    if (!pack.hasFileExt(ext)) {
      throw new FileNotFoundException(pack.getFileName(ext));
    }
    S3Object object = new S3Object(s3, bucket, key(repositoryId, pack.getFileName(ext)));
    return new S3ReadableChannel(object, pack.getFileSize(ext), pack.getBlockSize(ext));
  }

  /** How new files of the repository are encrypted: under its KMS key, if it names one. */
  SseKms encryption(String repositoryId) throws IOException {
    return new SseKms(encryptionKeys.kmsKeyId(repositoryId).orElse(null), sseUnsupported);
  }

  /** A file whose upload {@code starter} runs once it is complete. */
  DfsOutputStream create(
      String repositoryId,
      DfsPackDescription pack,
      PackExt ext,
      SseKms sse,
      UploadOnCloseStream.Starter starter) {
    S3Object object = new S3Object(s3, bucket, key(repositoryId, pack.getFileName(ext)), sse);
    // The writers record sizes for some extensions only; the stream knows them all.
    return new UploadOnCloseStream(object, partSize, size -> pack.setFileSize(ext, size), starter);
  }

  /** Deletes the named files; absent ones are fine, so a repeated sweep is harmless. */
  void delete(String repositoryId, String packName, Collection<PackExt> extensions)
      throws IOException {
    for (PackExt ext : extensions) {
      String key = key(repositoryId, packName + "." + ext.getExtension());
      try {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
      } catch (SdkException e) {
        throw new IOException("cannot delete s3://" + bucket + "/" + key, e);
      }
    }
  }

  /** Lets running uploads finish; later ones run in their writers' threads. */
  @Override
  public void close() {
    uploads.shutdown();
  }
}
