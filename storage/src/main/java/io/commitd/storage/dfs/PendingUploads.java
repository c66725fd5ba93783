package io.commitd.storage.dfs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/**
 * The uploads one view has started and not yet seen finish. JGit closes a pack file before it
 * writes the next (the pack, then its index, then GC's bitmap and commit-graph); uploading each in
 * the background as it closes lets them travel together instead of one after the other. Nothing
 * may depend on a file before its upload finished: the pack list changes only after every file of
 * its new packs is stored ({@link #awaitPacks}), and a file read back waits for its own upload
 * ({@link #awaitFile}).
 */
final class PendingUploads {
  /** An upload that may fail with an IOException. */
  @FunctionalInterface
  interface Upload {
    void run() throws IOException;
  }

  private final Executor executor;
  private final Map<String, CompletableFuture<Void>> byFileName = new ConcurrentHashMap<>();

  /** @param executor runs the uploads; one that runs them in the caller makes them synchronous */
  PendingUploads(Executor executor) {
    this.executor = executor;
  }

  /** Starts uploading the file named {@code fileName} (a pack's file name with its extension). */
  void start(String fileName, Upload upload) {
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> {
              try {
                upload.run();
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            },
            executor);
    byFileName.put(fileName, done);
  }

  /** Waits for the upload of one file, if one was started; throws its failure. */
  void awaitFile(String fileName) throws IOException {
    CompletableFuture<Void> upload = byFileName.get(fileName);
    if (upload != null) {
      await(upload);
    }
  }

  /** Waits for every upload of the packs' files; throws the first failure after all finished. */
  void awaitPacks(Collection<DfsPackDescription> packs) throws IOException {
    IOException failure = null;
    for (DfsPackDescription pack : packs) {
      for (PackExt ext : PackExt.values()) {
        CompletableFuture<Void> upload = byFileName.get(pack.getFileName(ext));
        if (upload == null) {
          continue;
        }
        try {
          await(upload);
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void await(CompletableFuture<Void> upload) throws IOException {
    try {
      upload.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while a pack file was uploading");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
      if (cause instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("pack file upload failed", cause);
    }
  }
}
