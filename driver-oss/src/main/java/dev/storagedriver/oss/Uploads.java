package dev.storagedriver.oss;

import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-progress multipart uploads of a key, and the hidden tail objects of uncommitted writers. */
final class Uploads {
  static final String META_PARTS = "parts";
  static final String META_CRC = "partscrc64";
  private static final Logger log = LoggerFactory.getLogger(Uploads.class);

  record Pending(String uploadId, Date initiated) {}

  record Tail(byte[] bytes, int parts, Long partsCrc) {}

  private final OssBackend backend;

  Uploads(OssBackend backend) {
    this.backend = backend;
  }

  /** Uploads of exactly {@code key} not held by a writer open in this process, oldest first. */
  List<Pending> pending(String key, String path) throws IOException {
    List<Pending> found = new ArrayList<>();
    String keyMarker = null;
    String uploadIdMarker = null;
    while (true) {
      ListMultipartUploadsRequest request = new ListMultipartUploadsRequest(backend.bucket);
      request.setPrefix(key);
      request.setMaxUploads(OssBackend.PAGE);
      request.setKeyMarker(keyMarker);
      request.setUploadIdMarker(uploadIdMarker);
      MultipartUploadListing listing = Retry.idempotent(backend.config.maxRetries, "writer", path,
          () -> backend.client.listMultipartUploads(request));
      for (MultipartUpload u : listing.getMultipartUploads()) {
        if (u.getKey().equals(key) && !backend.liveUploads.contains(u.getUploadId())) {
          found.add(new Pending(u.getUploadId(), u.getInitiated() == null ? new Date(0) : u.getInitiated()));
        }
      }
      if (!listing.isTruncated() || listing.getNextKeyMarker() == null) {
        break;
      }
      keyMarker = listing.getNextKeyMarker();
      uploadIdMarker = listing.getNextUploadIdMarker();
    }
    found.sort(Comparator.comparing(Pending::initiated));
    return found;
  }

  /** The parts of an upload, in order. */
  List<PartSummary> parts(String key, String path, String uploadId) throws IOException {
    List<PartSummary> parts = new ArrayList<>();
    Integer marker = null;
    while (true) {
      ListPartsRequest request = new ListPartsRequest(backend.bucket, key, uploadId);
      request.setMaxParts(OssBackend.PAGE);
      if (marker != null) {
        request.setPartNumberMarker(marker);
      }
      PartListing listing = Retry.idempotent(backend.config.maxRetries, "writer", path,
          () -> backend.client.listParts(request));
      parts.addAll(listing.getParts());
      if (!listing.isTruncated() || listing.getNextPartNumberMarker() == null) {
        break;
      }
      marker = listing.getNextPartNumberMarker();
    }
    parts.sort(Comparator.comparingInt(PartSummary::getPartNumber));
    return parts;
  }

  /** The tail an earlier session left, or an empty one (parts -1: unknown) if it left none. */
  Tail readTail(String stateKey, String path) throws IOException {
    try (OSSObject object = Retry.idempotent(backend.config.maxRetries, "writer", path,
        () -> backend.client.getObject(backend.bucket, stateKey))) {
      byte[] bytes;
      try (InputStream in = object.getObjectContent()) {
        bytes = in.readAllBytes();
      }
      Map<String, String> meta = object.getObjectMetadata().getUserMetadata();
      int parts = -1;
      Long crc = null;
      try {
        parts = Integer.parseInt(meta.getOrDefault(META_PARTS, "-1"));
        String c = meta.get(META_CRC);
        crc = c == null ? null : Long.parseUnsignedLong(c);
      } catch (NumberFormatException e) {
        parts = -1;
      }
      return new Tail(bytes, parts, crc);
    } catch (NoSuchFileException e) {
      return new Tail(new byte[0], -1, null);
    }
  }

  /** Aborts the uploads of {@code key} left by closed or dead writers, except {@code keep}. */
  void abortStale(String key, String path, String keep) throws IOException {
    for (Pending p : pending(key, path)) {
      if (!p.uploadId().equals(keep)) {
        discard(key, p.uploadId());
      }
    }
  }

  /** Aborts upload {@code uploadId} and deletes its tail object; best effort (logged, never thrown). */
  void discard(String key, String uploadId) {
    try {
      Retry.idempotent(backend.config.maxRetries, "abort upload", null, () -> {
        try {
          backend.client.abortMultipartUpload(new AbortMultipartUploadRequest(backend.bucket, key, uploadId));
        } catch (com.aliyun.oss.OSSException e) {
          if (!"NoSuchUpload".equals(e.getErrorCode())) {
            throw e;
          }
        }
        return null;
      });
    } catch (IOException | RuntimeException e) {
      log.warn("could not abort multipart upload {} of key {}: {}", uploadId, key, e.getMessage());
    }
    deleteQuietly(backend.stateKey(key, uploadId));
  }

  void deleteQuietly(String key) {
    try {
      Retry.idempotent(backend.config.maxRetries, "delete", null, () -> {
        backend.client.deleteObject(backend.bucket, key);
        return null;
      });
    } catch (IOException | RuntimeException e) {
      log.warn("could not delete {}: {}", key, e.getMessage());
    }
  }
}
