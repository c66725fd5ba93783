package io.commitd.storage.dfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * One object in the bucket, with the few operations pack files need; SDK failures become IOExceptions.
 *
 * @param sse the KMS key new objects are encrypted under, best effort
 */
record S3Object(S3Client s3, String bucket, String key, SseKms sse) {

  /** An object read or written with the bucket's default encryption. */
  S3Object(S3Client s3, String bucket, String key) {
    this(s3, bucket, key, SseKms.none());
  }

  long size() throws IOException {
    try {
      return s3.headObject(request -> request.bucket(bucket).key(key)).contentLength();
    } catch (NoSuchKeyException e) {
      throw notFound(e);
    } catch (SdkException e) {
      throw failed("head", e);
    }
  }

  /** Reads {@code length} bytes from {@code offset}; the caller keeps the range inside the object. */
  byte[] read(long offset, int length) throws IOException {
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).range(range))
          .asByteArray();
    } catch (NoSuchKeyException e) {
      throw notFound(e);
    } catch (SdkException e) {
      throw failed("read", e);
    }
  }

  void put(Path file) throws IOException {
    put(() -> RequestBody.fromFile(file));
  }

  /** Uploads the first {@code length} bytes of {@code data} in one request. */
  void put(byte[] data, int length) throws IOException {
    put(() -> RequestBody.fromByteBuffer(ByteBuffer.wrap(data, 0, length)));
  }

  private void put(Supplier<RequestBody> body) throws IOException {
    try {
      try {
        s3.putObject(request -> encrypted(request.bucket(bucket).key(key)), body.get());
      } catch (S3Exception e) {
        if (!sse.refused(e)) {
          throw e;
        }
        s3.putObject(request -> request.bucket(bucket).key(key), body.get());
      }
    } catch (SdkException e) {
      throw failed("upload", e);
    }
  }

  /** Starts a multipart upload; its parts are sent through the returned handle. */
  MultipartUpload startMultipart() throws IOException {
    try {
      String uploadId;
      try {
        uploadId =
            s3.createMultipartUpload(request -> encrypted(request.bucket(bucket).key(key)))
                .uploadId();
      } catch (S3Exception e) {
        if (!sse.refused(e)) {
          throw e;
        }
        uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
      }
      return new MultipartUpload(uploadId);
    } catch (SdkException e) {
      throw failed("start upload of", e);
    }
  }

  /** An upload in parts: numbered from 1, completed once, aborted on failure. */
  final class MultipartUpload {
    private final String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();

    private MultipartUpload(String uploadId) {
      this.uploadId = uploadId;
    }

    void upload(byte[] data, int length) throws IOException {
      int partNumber = parts.size() + 1;
      try {
        String eTag =
            s3.uploadPart(
                    request ->
                        request.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(length == data.length ? data : Arrays.copyOf(data, length)))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
      } catch (SdkException e) {
        throw failed("upload a part of", e);
      }
    }

    void complete() throws IOException {
      try {
        s3.completeMultipartUpload(
            request ->
                request
                    .bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
      } catch (SdkException e) {
        throw failed("complete upload of", e);
      }
    }

    /** Best effort: an abandoned upload only costs storage until the bucket's lifecycle rule. */
    void abort() {
      try {
        s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
      } catch (SdkException e) {
        // Already failing; the original error is the one worth reporting.
      }
    }
  }

  private void encrypted(PutObjectRequest.Builder request) {
    String keyId = sse.keyId();
    if (keyId != null) {
      request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyId);
    }
  }

  private void encrypted(CreateMultipartUploadRequest.Builder request) {
    String keyId = sse.keyId();
    if (keyId != null) {
      request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyId);
    }
  }

  private FileNotFoundException notFound(NoSuchKeyException cause) {
    FileNotFoundException e = new FileNotFoundException("s3://" + bucket + "/" + key);
    e.initCause(cause);
    return e;
  }

  private IOException failed(String action, SdkException cause) {
    return new IOException("cannot " + action + " s3://" + bucket + "/" + key, cause);
  }
}
