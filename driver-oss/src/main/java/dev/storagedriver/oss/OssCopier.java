package dev.storagedriver.oss;

import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartCopyRequest;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Move = copy + delete. Up to {@code multipartcopythreshold} one CopyObject (OSS refuses it above 1 GB); above,
 * a multipart upload whose parts are UploadPartCopy ranges of {@code multipartcopychunksize}, copied in
 * parallel ({@code uploadconcurrency} at a time) and aborted on any failure. At the default threshold (1 GiB,
 * OSS's limit) the CopyObject is sent without a HEAD first, so a move is two requests.
 */
final class OssCopier {
  private final OssBackend backend;

  OssCopier(OssBackend backend) {
    this.backend = backend;
  }

  void move(String source, String destination) throws IOException {
    String from = backend.key(source);
    String to = backend.key(destination);
    if (from.equals(to)) {
      backend.head(from, source).orElseThrow(() -> new NoSuchFileException(source));
      return;
    }
    if (backend.config.multipartCopyThreshold >= OssConfig.MAX_COPY_OBJECT_SIZE) {
      // At OSS's own CopyObject limit the size need not be known first: OSS refuses what is too large, and a
      // missing source is NoSuchKey, with the destination untouched. Two requests per move.
      try {
        copyObject(source, from, to);
      } catch (DriverException e) {
        // OSS documents the 1 GB limit, not the error code it answers with: whatever the code, a source larger
        // than the limit is copied in parts; anything else is the failure it was.
        if (e.code() == ErrorCode.PERMISSION_DENIED || e.code() == ErrorCode.UNAVAILABLE) {
          throw e;
        }
        ObjectMetadata meta = backend.head(from, source).orElseThrow(() -> new NoSuchFileException(source));
        if (meta.getContentLength() <= OssConfig.MAX_COPY_OBJECT_SIZE && !tooLarge(e)) {
          throw e;
        }
        multipartCopy(source, from, to, meta.getContentLength());
      }
    } else {
      ObjectMetadata meta = backend.head(from, source).orElseThrow(() -> new NoSuchFileException(source));
      long size = meta.getContentLength();
      if (size <= backend.config.multipartCopyThreshold) {
        copyObject(source, from, to);
      } else {
        multipartCopy(source, from, to, size);
      }
    }
    Retry.idempotent(backend.config.maxRetries, "move", source, () -> {
      backend.client.deleteObject(backend.quiet(new GenericRequest(backend.bucket, from)));
      return null;
    });
  }

  private void copyObject(String source, String from, String to) throws IOException {
    Retry.idempotent(backend.config.maxRetries, "move", source, () -> {
      CopyObjectRequest request = backend.quiet(new CopyObjectRequest(backend.bucket, from, backend.bucket, to));
      request.setNewObjectMetadata(backend.newMetadata());
      backend.config.serverSideEncryption().ifPresent(request::setServerSideEncryption);
      backend.config.encryptionKeyId.ifPresent(request::setServerSideEncryptionKeyId);
      return backend.client.copyObject(request);
    });
  }

  /** Whether CopyObject refused the source for its size (OSS: above 1 GB). */
  private static boolean tooLarge(DriverException e) {
    return e.getCause() instanceof OssErrors.SdkFailure f && f.getMessage().contains("OSS error EntityTooLarge");
  }

  private void multipartCopy(String source, String from, String to, long size) throws IOException {
    String uploadId = Retry.idempotent(backend.config.maxRetries, "move", source, () -> backend.client
        .initiateMultipartUpload(backend.quiet(
            new InitiateMultipartUploadRequest(backend.bucket, to, backend.newMetadata())))
        .getUploadId());
    boolean done = false;
    List<Future<PartETag>> futures = new ArrayList<>();
    try {
      long chunk = Math.max(backend.config.multipartCopyChunkSize, (size + 9_999) / 10_000);
      Semaphore slots = new Semaphore(backend.config.uploadConcurrency);
      int number = 1;
      for (long offset = 0; offset < size; offset += chunk, number++) {
        long begin = offset;
        long length = Math.min(chunk, size - offset);
        int part = number;
        slots.acquire();
        futures.add(backend.executor.submit(() -> {
          try {
            return Retry.idempotent(backend.config.maxRetries, "move", source, () -> {
              UploadPartCopyRequest request = backend.quiet(new UploadPartCopyRequest(backend.bucket, from,
                  backend.bucket, to, uploadId, part, begin, length));
              return backend.client.uploadPartCopy(request).getPartETag();
            });
          } finally {
            slots.release();
          }
        }));
      }
      List<PartETag> etags = new ArrayList<>();
      for (Future<PartETag> f : futures) {
        etags.add(f.get());
      }
      etags.sort(Comparator.comparingInt(PartETag::getPartNumber));
      try {
        backend.client.completeMultipartUpload(
            backend.quiet(new CompleteMultipartUploadRequest(backend.bucket, to, uploadId, etags)));
      } catch (RuntimeException e) {
        throw OssErrors.translate("move", source, e);
      }
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("move " + source + " interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new DriverException(OssErrors.DRIVER, source, ErrorCode.UNKNOWN, "move " + source + " failed",
          OssErrors.safe(cause));
    } finally {
      if (!done) {
        futures.forEach(f -> f.cancel(true));
        for (Future<PartETag> f : futures) {
          try {
            f.get();
          } catch (Exception ignored) {
            // Waiting only so no part copy runs after the abort.
          }
        }
        new Uploads(backend).discard(to, uploadId, List.of());
      }
    }
  }
}
