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
import java.util.Base64;
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
 * metadata, the multipart upload holding the full chunks (if any), how many parts count and the part size, the
 * entity tag of the object committed at the path when the writer closed ({@code sd-committed}; {@code -} for
 * none), so a resume can tell that something was committed since and the write is superseded, and, where the
 * store reports checksums, the combined checksum of the parts ({@code sd-checksum}), so a resumed commit is
 * still checked end to end. The token sorts by the time the writer closed ({@code <millis, 13 digits>-<part
 * bytes>-<upload tag>-<random>}; the millis strictly increase within a process), so the newest tail of a path is
 * the greatest key below it, and a listing alone gives each write's time and size. The upload tag (a short hash
 * of the upload id, or {@code 0}) ties a tail to its upload without a read. A path too long to repeat inside a
 * tail key within the store's key limit is stood for by DEL plus its SHA-256 ({@code <root>/\u007Fwrites/\u007F<sha256>/<token>}),
 * and its tails carry the path itself as metadata ({@code sd-path}, base64url of its UTF-8).
 *
 * <p>With {@link ObjectStoreSettings#legacyTails}, a resume that finds no tail also looks where the OSS driver's
 * first release kept them ({@code <root>/~uploads/<path>/<uploadId>}, metadata {@code parts} and {@code
 * partscrc64}), and purging an upload removes its tail there too.
 *
 * <p>Multipart uploads no tail names are writes still open somewhere, or left by a process that died: they are
 * pending writes too, of unknown size, and purging by age aborts them.
 */
final class PendingWrites {
  static final String META_UPLOAD = "sd-upload";
  static final String META_PARTS = "sd-parts";
  static final String META_CHUNK = "sd-chunk";
  static final String META_COMMITTED = "sd-committed";
  static final String META_CHECKSUM = "sd-checksum";
  static final String META_PATH = "sd-path";
  /** The recorded committed entity tag when nothing was committed. */
  static final String NOTHING_COMMITTED = "-";
  /** The recorded committed entity tag when the store reported none: a resume cannot check it. */
  static final String UNKNOWN_COMMITTED = "?";
  static final String LEGACY_TAILS = "~uploads/";
  private static final java.util.concurrent.atomic.AtomicLong LAST_MILLIS = new java.util.concurrent.atomic.AtomicLong();
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

  /**
   * What a closed writer left, read back to resume it: {@code committed} is the entity tag recorded at close
   * ({@link #NOTHING_COMMITTED}, {@link #UNKNOWN_COMMITTED}, or null for a legacy tail: not checked), {@code
   * checksum} the combined checksum of the parts, or null if unknown.
   */
  record Resumable(Tail tail, String uploadId, List<ObjectStore.Part> parts, byte[] bytes, int chunkSize,
      String committed, Long checksum) {}

  private final ObjectStoreBackend backend;
  private final Requests requests;
  private final Keys keys;
  /** Whether the last {@link #scan} could list the store's multipart uploads (some stores answer 501). */
  private boolean uploadsListed;

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

  /**
   * The tail described by a state key, or null if it is not one (a foreign key under the state prefix). A tail
   * below a hashed segment gets {@code knownPath}, which is null when the caller does not know it yet.
   */
  Tail parse(ObjectStore.ObjectInfo object, String knownPath) {
    String key = object.key();
    if (!key.startsWith(keys.statePrefix)) {
      return null;
    }
    String rest = key.substring(keys.statePrefix.length());
    int slash = rest.lastIndexOf('/');
    if (slash <= 0) {
      return null;
    }
    String dir = rest.substring(0, slash);
    String path = Keys.isHashedSegment(dir) ? knownPath : "/" + dir;
    String[] token = rest.substring(slash + 1).split("-");
    if ((path != null && !StoragePaths.isValid(path)) || token.length != 4) {
      return null;
    }
    try {
      return new Tail(key, path, rest.substring(slash + 1), Instant.ofEpochMilli(Long.parseLong(token[0])),
          Long.parseLong(token[1]), token[2], object.size());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A tail's metadata, without reading its bytes. */
  private Map<String, String> metadata(Tail tail) throws IOException {
    return requests.idempotent("pendingWrites", tail.path(), () -> {
      ObjectStore.Body b = requests.store.get(tail.key(), 0, null);
      b.stream().close();
      return b.metadata();
    });
  }

  /** The upload a tail names, from its metadata; null if it names none or is gone. */
  private String uploadNamedBy(Tail tail) throws IOException {
    try {
      return metadata(tail).get(META_UPLOAD);
    } catch (java.nio.file.NoSuchFileException e) {
      return null; // purged or resumed meanwhile: whoever took it deals with its upload
    }
  }

  /** The path a tail below a hashed segment belongs to, from its metadata; null if it has none. */
  private String hashedPath(Tail tail) throws IOException {
    Map<String, String> meta = metadata(tail);
    String encoded = meta.get(META_PATH);
    if (encoded == null) {
      return null;
    }
    try {
      String path = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      return StoragePaths.isValid(path) ? path : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The newest tail a closed writer left for exactly {@code path}. */
  Optional<Tail> newest(String path) throws IOException {
    Tail newest = null;
    for (ObjectStore.ObjectInfo o : listDirect(keys.stateDir(path), path)) {
      Tail tail = parse(o, path);
      if (tail != null && tail.path().equals(path)
          && (newest == null || tail.token().compareTo(newest.token()) > 0)) {
        newest = tail;
      }
    }
    return Optional.ofNullable(newest);
  }

  /** Every object directly below {@code prefix} (a delimiter listing, all pages). */
  private List<ObjectStore.ObjectInfo> listDirect(String prefix, String path) throws IOException {
    List<ObjectStore.ObjectInfo> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("writer", path,
          () -> requests.store.list(prefix, "/", null, t, PAGE));
      all.addAll(page.objects());
      token = page.nextToken();
    } while (token != null);
    return all;
  }

  /** An object's bytes and metadata. */
  private record Read(byte[] bytes, Map<String, String> metadata) {}

  private Read readWhole(String key, String path) throws IOException {
    return requests.idempotent("writer", path, () -> {
      ObjectStore.Body b = requests.store.get(key, 0, null);
      try (InputStream in = b.stream()) {
        return new Read(in.readAllBytes(), b.metadata());
      }
    });
  }

  /** Reads a tail and the parts of its upload it counts. */
  Resumable read(Tail tail) throws IOException {
    Read read = readWhole(tail.key(), tail.path());
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
    Long checksum = null;
    String recorded = read.metadata().get(META_CHECKSUM);
    if (recorded != null) {
      try {
        checksum = Long.parseUnsignedLong(recorded);
      } catch (NumberFormatException e) {
        checksum = null; // unknown: the commit is then not checked end to end
      }
    }
    return new Resumable(tail, uploadId, parts, read.bytes(), chunk,
        read.metadata().getOrDefault(META_COMMITTED, UNKNOWN_COMMITTED), checksum);
  }

  /**
   * The newest tail the OSS driver's first release left for {@code path} under {@code ~uploads/}, read back with
   * the parts of its upload; empty if there is none or its upload is gone.
   */
  Optional<Resumable> legacy(String path) throws IOException {
    if (!backend.settings.legacyTails()) {
      return Optional.empty();
    }
    String prefix = keys.rootPrefix + LEGACY_TAILS + path.substring(1) + "/";
    ObjectStore.ObjectInfo newest = null;
    for (ObjectStore.ObjectInfo o : listDirect(prefix, path)) {
      if (newest == null || o.lastModified().isAfter(newest.lastModified())) {
        newest = o;
      }
    }
    if (newest == null) {
      return Optional.empty();
    }
    ObjectStore.ObjectInfo found = newest;
    String uploadId = found.key().substring(prefix.length());
    Read read;
    try {
      read = readWhole(found.key(), path);
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    }
    List<ObjectStore.Part> parts = new ArrayList<>();
    String key = keys.key(path);
    int marker = 0;
    try {
      do {
        int m = marker;
        ObjectStore.PartListing page = requests.idempotent("writer", path,
            () -> requests.store.listParts(key, uploadId, m, PAGE));
        parts.addAll(page.parts());
        marker = page.nextPartNumberMarker();
      } while (marker != 0);
    } catch (IOException e) {
      if (Requests.is(e, ObjectStoreException.Kind.NO_SUCH_UPLOAD)) {
        return Optional.empty();
      }
      throw e;
    }
    parts.sort(java.util.Comparator.comparingInt(ObjectStore.Part::number));
    long partBytes = 0;
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).number() != i + 1) {
        throw damaged(new Tail(found.key(), path, uploadId, found.lastModified(), 0, NO_UPLOAD, 0),
            "its upload has a gap at part " + (i + 1) + " (a process stopped mid-upload)");
      }
      partBytes += parts.get(i).size();
    }
    Long checksum = null;
    try {
      int count = Integer.parseInt(read.metadata().getOrDefault("parts", "-1"));
      String crc = read.metadata().get("partscrc64");
      if (count == parts.size() && crc != null) {
        checksum = Long.parseUnsignedLong(crc);
      }
    } catch (NumberFormatException e) {
      checksum = null;
    }
    int chunk = parts.isEmpty() ? backend.settings.chunkSize() : (int) parts.get(0).size();
    Tail tail = new Tail(found.key(), path, uploadId, found.lastModified(), partBytes, uploadTag(uploadId),
        read.bytes().length);
    return Optional.of(new Resumable(tail, uploadId, parts, read.bytes(), chunk, null, checksum));
  }

  private dev.storagedriver.DriverException damaged(Tail tail, String why) {
    return new dev.storagedriver.DriverException(requests.driver, tail.path(), dev.storagedriver.ErrorCode.CONFLICT,
        "writer " + tail.path() + " with append: the uncommitted write " + tail.token() + " cannot be resumed: "
        + why + "; write the file again with append=false", null);
  }

  /**
   * Stores the tail of a writer closing without commit; returns its key. {@code committed} is the entity tag of
   * the object at the path now ({@link #NOTHING_COMMITTED} for none), {@code checksum} the parts' combined
   * checksum or null.
   */
  String write(String path, String uploadId, int parts, int chunkSize, long partBytes, byte[] bytes, int length,
      String committed, Long checksum) throws IOException {
    long millis = LAST_MILLIS.accumulateAndGet(System.currentTimeMillis(), (last, now) -> Math.max(last + 1, now));
    String token = String.format("%013d-%d-%s-%s", millis, partBytes, uploadTag(uploadId),
        HexFormat.of().toHexDigits(RANDOM.nextInt()));
    String dir = keys.stateDir(path);
    String key = dir + token;
    Map<String, String> meta = new HashMap<>();
    if (uploadId != null) {
      meta.put(META_UPLOAD, uploadId);
    }
    meta.put(META_PARTS, Integer.toString(parts));
    meta.put(META_CHUNK, Integer.toString(chunkSize));
    meta.put(META_COMMITTED, committed);
    if (checksum != null) {
      meta.put(META_CHECKSUM, Long.toUnsignedString(checksum));
    }
    if (!dir.equals(keys.stateDirBelow(path))) {
      meta.put(META_PATH, Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8)));
    }
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
        String legacy = keys.rootPrefix + LEGACY_TAILS + write.path().substring(1) + "/" + upload.uploadId();
        if (tail == null && backend.settings.legacyTails() && Keys.utf8Length(legacy) <= keys.maxKeyBytes()) {
          requests.idempotent("purgePendingWrites", write.path(), () -> {
            requests.store.delete(legacy);
            return null;
          });
        }
      }
      if (tail != null && upload == null && !uploadsListed && !NO_UPLOAD.equals(tail.uploadTag())) {
        // The store could not list uploads: the tail is the only record of its upload, so abort that first.
        String uploadId = uploadNamedBy(tail);
        if (uploadId != null) {
          abort(keys.key(tail.path()), uploadId, write.path());
        }
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
    uploadsListed = true;
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
        uploadsListed = false;
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

    List<Tail> tails = new ArrayList<>();
    listTails(keys.stateDirBelow(directory), directory, tails);
    if (!StoragePaths.ROOT.equals(directory)) {
      listTails(keys.statePrefix + "\u007F", directory, tails); // the hashed ones are not below the directory's
    }
    for (Tail tail : tails) {
      ObjectStore.Upload upload = NO_UPLOAD.equals(tail.uploadTag()) ? null
          : uploads.remove(tail.path() + "\n" + tail.uploadTag());
      found.accept(new PendingWrite(tail.path(), tail.token(), tail.size(), tail.closed()), tail, upload);
    }

    for (ObjectStore.Upload u : uploads.values()) {
      String path = keys.pathOf(u.key());
      found.accept(new PendingWrite(path, u.uploadId(), -1, u.initiated()), null, u);
    }
  }

  /** Adds the tails listed below {@code prefix} that belong to paths below {@code directory}. */
  private void listTails(String prefix, String directory, List<Tail> into) throws IOException {
    String token = null;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("pendingWrites", directory,
          () -> requests.store.list(prefix, null, null, t, PAGE));
      for (ObjectStore.ObjectInfo o : page.objects()) {
        Tail tail = parse(o, null);
        if (tail != null && tail.path() == null) {
          String path = hashedPath(tail);
          tail = path == null ? null : parse(o, path);
        }
        if (tail != null && below(tail.path(), directory)) {
          into.add(tail);
        }
      }
      token = page.nextToken();
    } while (token != null);
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
