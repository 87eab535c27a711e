package dev.storagedriver.oss;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.PutObjectRequest;
import dev.storagedriver.PendingWrite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of uncommitted writes: OSS's in-progress multipart uploads, and the hidden tail objects that
 * writers closed without commit leave beside them.
 *
 * <p>A tail object sits at {@code <tailPrefix(key)><stamp>.<uploadId>}: {@code stamp} is the close time in
 * microseconds, 16 hex digits, so the newest close sorts last, and each close writes a new name (then removes
 * the previous one). Its metadata: the number of parts and their combined CRC-64, and the ETag of the committed
 * object when the writer closed ({@code -} for none), so a resume can tell that something was committed since.
 */
final class Uploads {
  static final String META_PARTS = "parts";
  static final String META_CRC = "partscrc64";
  static final String META_COMMITTED = "committed";
  private static final Logger log = LoggerFactory.getLogger(Uploads.class);
  private static final AtomicLong LAST_STAMP = new AtomicLong();

  /** A tail object: where it is and which upload it belongs to; {@code stamp} in microseconds (0 if unknown). */
  record TailRef(String key, String uploadId, long stamp) {}

  /** What a tail object holds. */
  record Tail(TailRef ref, byte[] bytes, int parts, Long partsCrc, String committedEtag) {}

  /** A pending upload with the tails that belong to it. */
  private record Found(PendingWrite write, String key, List<String> tailKeys) {}

  private final OssBackend backend;

  Uploads(OssBackend backend) {
    this.backend = backend;
  }

  /** A fresh, strictly increasing close stamp (microseconds since the epoch, as 16 hex digits). */
  static String stamp() {
    long now = System.currentTimeMillis() * 1000;
    long s = LAST_STAMP.accumulateAndGet(now, (last, t) -> Math.max(last + 1, t));
    return String.format("%016x", s);
  }

  private static Optional<TailRef> parseTail(String tailKey) {
    String name = tailKey.substring(tailKey.lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    if (dot != 16) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TailRef(tailKey, name.substring(dot + 1), Long.parseUnsignedLong(name, 0, 16, 16)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The newest tail a closed writer left for {@code key}, if any (one listing). */
  Optional<TailRef> newestTail(String key, String path) throws IOException {
    TailRef newest = null;
    for (OSSObjectSummary s : listAll(backend.keys.tailPrefix(key), true, path)) {
      Optional<TailRef> t = parseTail(s.getKey());
      if (t.isPresent() && (newest == null || t.get().stamp() > newest.stamp())) {
        newest = t.get();
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The newest tail the previous release left for {@code key} under {@code ~uploads/} (see the README). */
  Optional<TailRef> newestLegacyTail(String key, String path) throws IOException {
    OSSObjectSummary newest = null;
    for (OSSObjectSummary s : listAll(backend.keys.legacyTailPrefix(key), true, path)) {
      if (newest == null || s.getLastModified().after(newest.getLastModified())) {
        newest = s;
      }
    }
    return newest == null ? Optional.empty() : Optional.of(
        new TailRef(newest.getKey(), newest.getKey().substring(newest.getKey().lastIndexOf('/') + 1), 0));
  }

  private List<OSSObjectSummary> listAll(String prefix, boolean direct, String path) throws IOException {
    List<OSSObjectSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request request = new ListObjectsV2Request(backend.bucket, prefix);
      request.setMaxKeys(OssBackend.PAGE);
      if (direct) {
        request.setDelimiter("/");
      }
      request.setContinuationToken(token);
      ListObjectsV2Result page = backend.listPage(request, "writer", path);
      all.addAll(page.getObjectSummaries());
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
    } while (token != null);
    return all;
  }

  /** What tail object {@code ref} holds, or empty if it is gone. */
  Optional<Tail> readTail(TailRef ref, String path) throws IOException {
    try (OSSObject object = Retry.idempotent(backend.config.maxRetries, "writer", path,
        () -> backend.client.getObject(backend.quiet(new GetObjectRequest(backend.bucket, ref.key()))))) {
      byte[] bytes;
      try (InputStream in = object.getObjectContent()) {
        bytes = in.readAllBytes();
      }
      Map<String, String> meta = object.getObjectMetadata().getUserMetadata();
      int parts;
      Long crc;
      try {
        parts = Integer.parseInt(meta.getOrDefault(META_PARTS, "-1"));
        String c = meta.get(META_CRC);
        crc = c == null ? null : Long.parseUnsignedLong(c);
      } catch (NumberFormatException e) {
        parts = -1;
        crc = null;
      }
      return Optional.of(new Tail(ref, bytes, parts, crc, meta.get(META_COMMITTED)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Stores a closed writer's tail; returns its key. */
  String writeTail(String key, String uploadId, byte[] buffer, int length, int parts, Long partsCrc,
      String committedEtag, String path) throws IOException {
    ObjectMetadata meta = new ObjectMetadata();
    backend.config.serverSideEncryption().ifPresent(s -> meta.setHeader("x-oss-server-side-encryption", s));
    backend.config.encryptionKeyId.ifPresent(s -> meta.setHeader("x-oss-server-side-encryption-key-id", s));
    meta.setContentLength(length);
    meta.setContentMD5(OssBackend.md5(buffer, 0, length));
    meta.addUserMetadata(META_PARTS, Integer.toString(parts));
    if (partsCrc != null) {
      meta.addUserMetadata(META_CRC, Long.toUnsignedString(partsCrc));
    }
    meta.addUserMetadata(META_COMMITTED, committedEtag == null ? "-" : committedEtag);
    String tailKey = backend.keys.tailPrefix(key) + stamp() + "." + uploadId;
    Retry.idempotent(backend.config.maxRetries, "close writer", path, () -> backend.client.putObject(
        backend.quiet(new PutObjectRequest(backend.bucket, tailKey, new ByteArrayInputStream(buffer, 0, length),
            meta))));
    return tailKey;
  }

  /** The parts of an upload, in order, or null if the upload is gone. */
  List<PartSummary> parts(String key, String path, String uploadId) throws IOException {
    List<PartSummary> parts = new ArrayList<>();
    Integer marker = null;
    while (true) {
      ListPartsRequest request = backend.quiet(new ListPartsRequest(backend.bucket, key, uploadId));
      request.setMaxParts(OssBackend.PAGE);
      if (marker != null) {
        request.setPartNumberMarker(marker);
      }
      PartListing listing;
      try {
        listing = Retry.idempotent(backend.config.maxRetries, "writer", path,
            () -> {
              try {
                return backend.client.listParts(request);
              } catch (OSSException e) {
                if ("NoSuchUpload".equals(e.getErrorCode())) {
                  return null;
                }
                throw e;
              }
            });
      } catch (NoSuchFileException e) {
        return null;
      }
      if (listing == null) {
        return null;
      }
      parts.addAll(listing.getParts());
      if (!listing.isTruncated() || listing.getNextPartNumberMarker() == null) {
        break;
      }
      marker = listing.getNextPartNumberMarker();
    }
    parts.sort(Comparator.comparingInt(PartSummary::getPartNumber));
    return parts;
  }

  /** The uploads below {@code directory} (valid paths only) with their last change. */
  List<PendingWrite> pending(String directory) throws IOException {
    return find(directory).stream().map(Found::write).filter(w -> w != null).toList();
  }

  private List<Found> find(String directory) throws IOException {
    String prefix = backend.dirPrefix(directory);
    List<MultipartUpload> uploads = new ArrayList<>();
    String keyMarker = null;
    String uploadIdMarker = null;
    while (true) {
      ListMultipartUploadsRequest request = backend.quiet(new ListMultipartUploadsRequest(backend.bucket));
      request.setPrefix(prefix);
      request.setMaxUploads(OssBackend.PAGE);
      request.setEncodingType("url");
      request.setKeyMarker(keyMarker);
      request.setUploadIdMarker(uploadIdMarker);
      MultipartUploadListing listing = Retry.idempotent(backend.config.maxRetries, "pendingWrites", directory,
          () -> backend.client.listMultipartUploads(request));
      for (MultipartUpload u : listing.getMultipartUploads()) {
        u.setKey(OssKeys.decode(u.getKey()));
        uploads.add(u);
      }
      if (!listing.isTruncated() || listing.getNextKeyMarker() == null) {
        break;
      }
      keyMarker = OssKeys.decode(listing.getNextKeyMarker());
      uploadIdMarker = listing.getNextUploadIdMarker();
    }
    // Tails of the paths below the directory, to date each upload by its last close and to find orphans.
    Map<String, List<TailRef>> tails = new HashMap<>();
    String tailPrefix = backend.keys.hiddenPrefix() + prefix.substring(backend.config.rootPrefix.length());
    for (OSSObjectSummary s : listAll(tailPrefix, false, directory)) {
      parseTail(s.getKey()).ifPresent(t -> tails.computeIfAbsent(t.uploadId(), k -> new ArrayList<>()).add(t));
    }
    List<Found> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MultipartUpload u : uploads) {
      String path = backend.keys.pathOf(u.getKey());
      if (path == null) {
        continue; // an upload another tool started to a key that is no valid path
      }
      seen.add(u.getUploadId());
      List<TailRef> own = tails.getOrDefault(u.getUploadId(), List.of());
      if (own.isEmpty() && !backend.keys.tailPrefix(u.getKey()).startsWith(tailPrefix)) {
        own = hashedTails(u.getKey(), u.getUploadId(), directory);
      }
      Instant last = u.getInitiated() == null ? Instant.EPOCH : u.getInitiated().toInstant();
      List<String> tailKeys = new ArrayList<>();
      for (TailRef t : own) {
        Instant closed = Instant.EPOCH.plusNanos(t.stamp() * 1000);
        last = closed.isAfter(last) ? closed : last;
        tailKeys.add(t.key());
      }
      tailKeys.add(backend.keys.legacyTailKey(u.getKey(), u.getUploadId()));
      found.add(new Found(new PendingWrite(path, u.getUploadId(), -1, last), u.getKey(), tailKeys));
    }
    // Tails whose upload is gone (aborted by a lifecycle rule or another tool): nothing can resume them. Only
    // those of paths below the directory: the listing also holds the tails of the directory's own key.
    tails.forEach((uploadId, refs) -> {
      if (!seen.contains(uploadId)) {
        for (TailRef t : refs) {
          String rel = t.key().substring(backend.keys.hiddenPrefix().length(), t.key().lastIndexOf('/'));
          if ((backend.config.rootPrefix + rel).startsWith(prefix)) {
            found.add(new Found(null, null, List.of(t.key())));
          }
        }
      }
    });
    return found;
  }

  private List<TailRef> hashedTails(String key, String uploadId, String directory) throws IOException {
    List<TailRef> own = new ArrayList<>();
    for (OSSObjectSummary s : listAll(backend.keys.tailPrefix(key), true, directory)) {
      parseTail(s.getKey()).filter(t -> t.uploadId().equals(uploadId)).ifPresent(own::add);
    }
    return own;
  }

  /**
   * Aborts the uploads below {@code directory} last changed before {@code olderThan} with their tails, and
   * deletes tails whose upload is gone and which are that old too.
   */
  List<PendingWrite> purge(String directory, Instant olderThan) throws IOException {
    List<PendingWrite> purged = new ArrayList<>();
    List<String> doomed = new ArrayList<>();
    for (Found f : find(directory)) {
      if (f.write() == null) {
        Optional<TailRef> t = parseTail(f.tailKeys().get(0));
        if (t.isPresent() && Instant.EPOCH.plusNanos(t.get().stamp() * 1000).isBefore(olderThan)) {
          doomed.add(t.get().key());
        }
        continue;
      }
      if (f.write().lastModified().isBefore(olderThan)) {
        abort(f.key(), f.write().id(), directory);
        doomed.addAll(f.tailKeys());
        purged.add(f.write());
      }
    }
    for (int i = 0; i < doomed.size(); i += OssBackend.PAGE) {
      List<String> batch = doomed.subList(i, Math.min(doomed.size(), i + OssBackend.PAGE));
      Retry.idempotentPost(backend.config.maxRetries, "purgePendingWrites", directory, () -> {
        DeleteObjectsRequest request = backend.quiet(new DeleteObjectsRequest(backend.bucket));
        request.setKeys(new ArrayList<>(batch));
        request.setQuiet(true);
        return backend.client.deleteObjects(request);
      });
    }
    return purged;
  }

  /** Aborts an upload; one that is already gone counts as aborted. */
  void abort(String key, String uploadId, String path) throws IOException {
    Retry.idempotent(backend.config.maxRetries, "abort upload", path, () -> {
      try {
        backend.client.abortMultipartUpload(
            backend.quiet(new AbortMultipartUploadRequest(backend.bucket, key, uploadId)));
      } catch (OSSException e) {
        if (!"NoSuchUpload".equals(e.getErrorCode())) {
          throw e;
        }
      }
      return null;
    });
  }

  /** Aborts upload {@code uploadId} and deletes {@code tailKeys}; best effort (logged, never thrown). */
  void discard(String key, String uploadId, List<String> tailKeys) {
    try {
      abort(key, uploadId, null);
    } catch (IOException | RuntimeException e) {
      log.warn("could not abort multipart upload {} of key {}: {}", uploadId, key, e.getMessage());
    }
    for (String t : tailKeys) {
      deleteQuietly(t);
    }
  }

  void deleteQuietly(String key) {
    try {
      Retry.idempotent(backend.config.maxRetries, "delete", null, () -> {
        backend.client.deleteObject(backend.quiet(new GenericRequest(backend.bucket, key)));
        return null;
      });
    } catch (IOException | RuntimeException e) {
      log.warn("could not delete {}: {}", key, e.getMessage());
    }
  }
}
