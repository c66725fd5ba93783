package io.commitd.storage.dfs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Server-side encryption of new objects under a KMS key, best effort: a store that answers 501 Not
 * Implemented to the encryption headers (S3Proxy, MinIO without KMS) gets plain uploads from then
 * on, and the bucket's default encryption applies.
 */
final class SseKms {
  private static final Logger LOG = LoggerFactory.getLogger(SseKms.class);

  private final String keyId;
  private final AtomicBoolean unsupported;

  /**
   * @param keyId the key, or null for none
   * @param unsupported shared by every upload to one store: set once the store refused SSE
   */
  SseKms(String keyId, AtomicBoolean unsupported) {
    this.keyId = keyId;
    this.unsupported = unsupported;
  }

  static SseKms none() {
    return new SseKms(null, new AtomicBoolean());
  }

  /** The key to send, or null when there is none or the store does not implement SSE. */
  String keyId() {
    return keyId == null || unsupported.get() ? null : keyId;
  }

  /**
   * True (and remembered) when {@code e} is the store refusing the encryption headers. Uploads run
   * concurrently: one may be refused after another already found SSE unsupported, so this asks
   * whether a key was configured, not whether one is still sent.
   */
  boolean refused(S3Exception e) {
    if (keyId == null || e.statusCode() != 501) {
      return false;
    }
    if (unsupported.compareAndSet(false, true)) {
      LOG.warn("the object store does not implement server-side encryption ({}); pack files are stored with the"
          + " bucket's default encryption", e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    }
    return true;
  }
}
