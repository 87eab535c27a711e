package dev.storagedriver.objectstore;

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
 * Move = server-side copy + delete. Up to {@code multipartcopythresholdsize} one copy request; above it a
 * multipart upload whose parts are copies of byte ranges of {@code multipartcopychunksize} (raised so the copy
 * takes at most 10,000 parts), {@code multipartcopymaxconcurrency} at a time, aborted on any failure. Objects
 * above the single-copy limit (5 GiB on S3) always take the multipart path, since the threshold cannot exceed
 * it. When the threshold is at least the store's single-copy limit ({@link ObjectStore#maxCopyBytes}, OSS's 1 GB),
 * the copy is sent without a HEAD first and falls back to parts when the store refuses the size. Every part copy
 * is pinned to the entity tag the HEAD saw, so a source replaced mid-copy never leaves a destination made of two
 * versions' bytes.
 */
final class Copier {
  private static final int MAX_PARTS = 10_000;

  private final ObjectStoreBackend backend;
  private final Requests requests;

  Copier(ObjectStoreBackend backend) {
    this.backend = backend;
    this.requests = backend.requests;
  }

  void move(String source, String destination) throws IOException {
    String from = backend.keys.key(source);
    String to = backend.keys.key(destination);
    if (from.equals(to)) {
      backend.head(from, source).orElseThrow(() -> new NoSuchFileException(source));
      return;
    }
    long limit = requests.store.maxCopyBytes();
    if (backend.settings.multipartCopyThreshold() >= limit) {
      // At the store's own single-copy limit the size need not be known first: the store refuses what is too
      // large, and a missing source is not found, with the destination untouched. Two requests per move.
      try {
        copy(source, from, to);
      } catch (DriverException e) {
        // Stores document the limit, not always the error they answer with: whatever the error, a source larger
        // than the limit is copied in parts; a refusal or an outage is the failure it was.
        if (e.code() == ErrorCode.PERMISSION_DENIED || e.code() == ErrorCode.UNAVAILABLE) {
          throw e;
        }
        ObjectStore.ObjectInfo object = backend.head(from, source)
            .orElseThrow(() -> new NoSuchFileException(source));
        if (object.size() <= limit && !Requests.is(e, ObjectStoreException.Kind.TOO_LARGE)) {
          throw e;
        }
        copyInParts(source, from, to, object);
      }
    } else {
      ObjectStore.ObjectInfo object = backend.head(from, source)
          .orElseThrow(() -> new NoSuchFileException(source));
      if (object.size() <= backend.settings.multipartCopyThreshold()) {
        copy(source, from, to);
      } else {
        copyInParts(source, from, to, object);
      }
    }
    requests.idempotent("move", source, () -> {
      requests.store.delete(from);
      return null;
    });
  }

  private void copy(String source, String from, String to) throws IOException {
    requests.idempotent("move", source, () -> {
      requests.store.copy(from, to);
      return null;
    });
  }

  /**
   * Copies {@code object} in parts, every part pinned to its entity tag, so the copy is of one version. A source
   * replaced mid-copy fails a part's condition: the upload is aborted and the copy starts over from the new
   * version, up to {@code maxretries} times, then the move fails {@code CONFLICT} with the destination untouched.
   */
  private void copyInParts(String source, String from, String to, ObjectStore.ObjectInfo object)
      throws IOException {
    ObjectStore.ObjectInfo version = object;
    for (int attempt = 0; ; attempt++) {
      try {
        if (attempt > 0 && version.size() <= backend.settings.multipartCopyThreshold()
            && version.size() <= requests.store.maxCopyBytes()) {
          copy(source, from, to); // the version that replaced it is small enough for one copy
        } else {
          multipartCopy(source, from, to, version.size(), version.etag());
        }
        return;
      } catch (IOException e) {
        if (!Requests.is(e, ObjectStoreException.Kind.PRECONDITION_FAILED)) {
          throw e;
        }
        if (attempt >= backend.settings.maxRetries()) {
          throw new DriverException(requests.driver, source, ErrorCode.CONFLICT, "move " + source + ": the file"
              + " was replaced while it was being copied in parts, " + (attempt + 1) + " times; the destination"
              + " is unchanged", e);
        }
      }
      version = backend.head(from, source).orElseThrow(() -> new NoSuchFileException(source));
    }
  }

  private void multipartCopy(String source, String from, String to, long size, String sourceEtag)
      throws IOException {
    String uploadId = requests.idempotent("move", source, () -> requests.store.createUpload(to));
    boolean done = false;
    List<Future<ObjectStore.Part>> futures = new ArrayList<>();
    try {
      long chunk = Math.max(backend.settings.multipartCopyChunkSize(), (size + MAX_PARTS - 1) / MAX_PARTS);
      Semaphore slots = new Semaphore(backend.settings.multipartCopyConcurrency());
      int number = 1;
      for (long offset = 0; offset < size; offset += chunk, number++) {
        long first = offset;
        long length = Math.min(chunk, size - offset);
        int part = number;
        slots.acquire();
        futures.add(backend.executor.submit(() -> {
          try {
            String etag = requests.idempotent("move", source,
                () -> requests.store.uploadPartCopy(from, to, uploadId, part, first, length, sourceEtag));
            return new ObjectStore.Part(part, etag, length);
          } finally {
            slots.release();
          }
        }));
      }
      List<ObjectStore.Part> parts = new ArrayList<>();
      for (Future<ObjectStore.Part> f : futures) {
        parts.add(f.get());
      }
      parts.sort(Comparator.comparingInt(ObjectStore.Part::number));
      requests.once("move", source, () -> {
        requests.store.complete(to, uploadId, parts);
        return null;
      });
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("move " + source + " interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new DriverException(requests.driver, source, ErrorCode.UNKNOWN, "move " + source + " failed", cause);
    } finally {
      if (!done) {
        futures.forEach(f -> f.cancel(true));
        for (Future<ObjectStore.Part> f : futures) {
          try {
            f.get();
          } catch (Exception ignored) {
            // Waiting only so no part copy runs after the abort.
          }
        }
        new PendingWrites(backend).abortQuietly(to, uploadId, source);
      }
    }
  }
}
