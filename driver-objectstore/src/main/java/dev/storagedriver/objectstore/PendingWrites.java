package dev.storagedriver.objectstore;

import dev.storagedriver.PendingWrite;
import dev.storagedriver.StoragePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden state of uncommitted writes: one <em>tail object</em> per writer closed without commit, at {@code
 * <root>/\u007Fwrites/<path>/<token>}. It holds the bytes not yet uploaded as a part (less than a chunk) and, as
 * metadata, the multipart upload holding the full chunks (if any), how many parts count and the part size. The
 * token sorts by the time the writer closed ({@code <millis, 13 digits>-<part bytes>-<upload tag>-<random>}),
 * so the newest tail of a path is the greatest key below it, and a listing alone gives each write's time and
 * size. The upload tag (a short hash of the upload id, or {@code 0}) ties a tail to its upload without a read.
 *
 * <p>Multipart uploads no tail names are writes still open somewhere, or left by a process that died: they are
 * pending writes too, of unknown size, and purging by age aborts them.
 */
final class PendingWrites {
  static final String META_UPLOAD = "sd-upload";
  static final String META_PARTS = "sd-parts";
  static final String META_CHUNK = "sd-chunk";
  static final int PAGE = 1000;
  private static final String NO_UPLOAD = "0";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(PendingWrites.class);
  private static volatile boolean warnedNoUploadListing;

  /** A tail object as its key describes it. */
  record Tail(String key, String path, String token, Instant closed, long partBytes, String uploadTag,
      long tailSize) {
    long size() {
      return partBytes + tailSize;
    }
  }

  /** What a closed writer left, read back to resume it. */
  record Resumable(Tail tail, String uploadId, List<ObjectStore.Part> parts, byte[] bytes, int chunkSize) {}

  private final ObjectStoreBackend backend;
  private final Requests requests;
  private final Keys keys;

  PendingWrites(ObjectStoreBackend backend) {
    this.backend = backend;
    this.requests = backend.requests;
    this.keys = backend.keys;
  }

  static String uploadTag(String uploadId) {
    if (uploadId == null) {
      return NO_UPLOAD;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(uploadId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The tail described by a state key, or null if it is not one (a foreign key under the state prefix). */
  Tail parse(ObjectStore.ObjectInfo object) {
    String key = object.key();
    if (!key.startsWith(keys.statePrefix)) {
      return null;
    }
    String rest = key.substring(keys.statePrefix.length());
    int slash = rest.lastIndexOf('/');
    if (slash <= 0) {
      return null;
    }
    String path = "/" + rest.substring(0, slash);
    String[] token = rest.substring(slash + 1).split("-");
    if (!StoragePaths.isValid(path) || token.length != 4) {
      return null;
    }
    try {
      return new Tail(key, path, rest.substring(slash + 1), Instant.ofEpochMilli(Long.parseLong(token[0])),
          Long.parseLong(token[1]), token[2], object.size());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The newest tail a closed writer left for exactly {@code path}. */
  Optional<Tail> newest(String path) throws IOException {
    Tail newest = null;
    String prefix = keys.stateDir(path);
    String token = null;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("writer", path,
          () -> requests.store.list(prefix, "/", null, t, PAGE));
      for (ObjectStore.ObjectInfo o : page.objects()) {
        Tail tail = parse(o);
        if (tail != null && tail.path().equals(path)
            && (newest == null || tail.token().compareTo(newest.token()) > 0)) {
          newest = tail;
        }
      }
      token = page.nextToken();
    } while (token != null);
    return Optional.ofNullable(newest);
  }

  /** Reads a tail and the parts of its upload it counts. */
  Resumable read(Tail tail) throws IOException {
    record Read(byte[] bytes, Map<String, String> metadata) {}
    Read read = requests.idempotent("writer", tail.path(), () -> {
      ObjectStore.Body b = requests.store.get(tail.key(), 0, null);
      try (InputStream in = b.stream()) {
        return new Read(in.readAllBytes(), b.metadata());
      }
    });
    String uploadId = read.metadata().get(META_UPLOAD);
    int count;
    int chunk;
    try {
      count = Integer.parseInt(read.metadata().getOrDefault(META_PARTS, ""));
      chunk = Integer.parseInt(read.metadata().getOrDefault(META_CHUNK, ""));
    } catch (NumberFormatException e) {
      throw damaged(tail, "its part count or part size is missing");
    }
    if (count < 0 || chunk < 1 || (count > 0) != (uploadId != null) || (long) count * chunk != tail.partBytes()) {
      throw damaged(tail, "its part count, part size and upload do not agree");
    }
    List<ObjectStore.Part> parts = new ArrayList<>();
    int marker = 0;
    String key = keys.key(tail.path());
    while (uploadId != null && parts.size() < count) {
      int m = marker;
      ObjectStore.PartListing page = requests.idempotent("writer", tail.path(),
          () -> requests.store.listParts(key, uploadId, m, PAGE));
      for (ObjectStore.Part p : page.parts()) {
        if (parts.size() < count) {
          parts.add(p);
        }
      }
      marker = page.nextPartNumberMarker();
      if (marker == 0) {
        break;
      }
    }
    for (int i = 0; i < count; i++) {
      if (i >= parts.size() || parts.get(i).number() != i + 1 || parts.get(i).size() != chunk) {
        throw damaged(tail, "part " + (i + 1) + " of its upload is missing or not " + chunk + " bytes");
      }
    }
    return new Resumable(tail, uploadId, parts, read.bytes(), chunk);
  }

  private dev.storagedriver.DriverException damaged(Tail tail, String why) {
    return new dev.storagedriver.DriverException(requests.driver, tail.path(), dev.storagedriver.ErrorCode.CONFLICT,
        "writer " + tail.path() + " with append: the uncommitted write " + tail.token() + " cannot be resumed: "
        + why + "; write the file again with append=false", null);
  }

  /** Stores the tail of a writer closing without commit; returns its key. */
  String write(String path, String uploadId, int parts, int chunkSize, long partBytes, byte[] bytes, int length)
      throws IOException {
    String token = String.format("%013d-%d-%s-%s", System.currentTimeMillis(), partBytes, uploadTag(uploadId),
        HexFormat.of().toHexDigits(RANDOM.nextInt()));
    String key = keys.stateDir(path) + token;
    Map<String, String> meta = new HashMap<>();
    if (uploadId != null) {
      meta.put(META_UPLOAD, uploadId);
    }
    meta.put(META_PARTS, Integer.toString(parts));
    meta.put(META_CHUNK, Integer.toString(chunkSize));
    requests.idempotent("close writer", path, () -> {
      requests.store.put(key, bytes, length, meta);
      return null;
    });
    return key;
  }

  /** Every pending write below {@code directory}: tails, and uploads no tail names. */
  List<PendingWrite> list(String directory) throws IOException {
    List<PendingWrite> found = new ArrayList<>();
    scan(directory, (write, tail, upload) -> found.add(write));
    return found;
  }

  /** Removes the pending writes below {@code directory} last changed before {@code olderThan}. */
  List<PendingWrite> purge(String directory, Instant olderThan) throws IOException {
    List<PendingWrite> removed = new ArrayList<>();
    scan(directory, (write, tail, upload) -> {
      if (!write.lastModified().isBefore(olderThan)) {
        return;
      }
      if (upload != null) {
        abort(upload.key(), upload.uploadId(), write.path());
      }
      if (tail != null) {
        requests.idempotent("purgePendingWrites", write.path(), () -> {
          requests.store.delete(tail.key());
          return null;
        });
      }
      removed.add(write);
    });
    return removed;
  }

  @FunctionalInterface
  private interface Found {
    void accept(PendingWrite write, Tail tail, ObjectStore.Upload upload) throws IOException;
  }

  private void scan(String directory, Found found) throws IOException {
    // Uploads first: tails name them by tag, and purging a tail aborts the upload it names.
    Map<String, ObjectStore.Upload> uploads = new HashMap<>();
    String prefix = keys.dirPrefix(directory);
    String keyMarker = null;
    String idMarker = null;
    do {
      String k = keyMarker;
      String i = idMarker;
      ObjectStore.UploadListing page = requests.idempotent("pendingWrites", directory, () -> {
        try {
          return requests.store.listUploads(prefix, k, i, PAGE);
        } catch (ObjectStoreException e) {
          if (e.kind() == ObjectStoreException.Kind.NOT_IMPLEMENTED) {
            return null; // the closed writers' tails below are still listed
          }
          throw e;
        }
      });
      if (page == null) {
        if (!warnedNoUploadListing) {
          warnedNoUploadListing = true;
          log.warn("{}: the store cannot list multipart uploads (501): pending writes are the closed writers'"
              + " only; uploads of writers that died are not found or purged", requests.driver);
        }
        break;
      }
      for (ObjectStore.Upload u : page.uploads()) {
        String path = keys.pathOf(u.key());
        if (path != null && below(path, directory)) {
          uploads.put(path + "\n" + uploadTag(u.uploadId()), u);
        }
      }
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    } while (keyMarker != null);

    String statePrefix = keys.stateDirBelow(directory);
    String token = null;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("pendingWrites", directory,
          () -> requests.store.list(statePrefix, null, null, t, PAGE));
      for (ObjectStore.ObjectInfo o : page.objects()) {
        Tail tail = parse(o);
        if (tail == null || !below(tail.path(), directory)) {
          continue;
        }
        ObjectStore.Upload upload = NO_UPLOAD.equals(tail.uploadTag()) ? null
            : uploads.remove(tail.path() + "\n" + tail.uploadTag());
        found.accept(new PendingWrite(tail.path(), tail.token(), tail.size(), tail.closed()), tail, upload);
      }
      token = page.nextToken();
    } while (token != null);

    for (ObjectStore.Upload u : uploads.values()) {
      String path = keys.pathOf(u.key());
      found.accept(new PendingWrite(path, u.uploadId(), -1, u.initiated()), null, u);
    }
  }

  private static boolean below(String path, String directory) {
    return StoragePaths.ROOT.equals(directory) || StoragePaths.isStrictlyBelow(path, directory);
  }

  /** Aborts an upload; one already gone counts as aborted. */
  void abort(String key, String uploadId, String path) throws IOException {
    requests.idempotent("abort upload", path, () -> {
      try {
        requests.store.abort(key, uploadId);
      } catch (ObjectStoreException e) {
        if (e.kind() != ObjectStoreException.Kind.NO_SUCH_UPLOAD && e.kind() != ObjectStoreException.Kind.NOT_FOUND) {
          throw e;
        }
      }
      return null;
    });
  }

  /** Aborts an upload; best effort (logged, never thrown), for cleaning up after a failure. */
  void abortQuietly(String key, String uploadId, String path) {
    try {
      abort(key, uploadId, path);
    } catch (IOException e) {
      log.warn("{}: could not abort the multipart upload of {}: {}", requests.driver, path, e.getMessage());
    }
  }

  /** Deletes a tail object; best effort (logged, never thrown). */
  void deleteQuietly(String key, String path) {
    try {
      requests.idempotent("delete", path, () -> {
        requests.store.delete(key);
        return null;
      });
    } catch (IOException e) {
      log.warn("{}: could not delete the state of an uncommitted write of {}: {}", requests.driver, path,
          e.getMessage());
    }
  }
}
