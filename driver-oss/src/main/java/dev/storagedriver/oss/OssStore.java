package dev.storagedriver.oss;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.GeneratePresignedUrlRequest;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import com.aliyun.oss.model.WebServiceRequest;
import com.aliyun.oss.common.utils.CRC64;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.objectstore.BodyStream;
import dev.storagedriver.objectstore.ObjectStore;
import dev.storagedriver.objectstore.ObjectStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.CheckedInputStream;
import java.util.zip.Checksum;

/**
 * The raw requests of one OSS bucket on {@code aliyun-sdk-oss}: everything else (retries, the writer, the walk,
 * batching, pending writes) is {@link dev.storagedriver.objectstore.ObjectStoreBackend}'s. What OSS adds:
 *
 * <ul>
 *   <li>ranged GETs carry {@code x-oss-range-behavior: standard}, so a start past the end is a 416, never OSS's
 *       default "200 with the whole object";
 *   <li>CRC-64 (ECMA) end to end: the SDK compares every upload's CRC-64 with the server's; each uploaded part's
 *       CRC is kept ({@link Part#checksum}), a Complete compares the object's {@code x-oss-hash-crc64ecma} with
 *       the parts' combined CRC (and removes an object that differs), whole reads are checked against it, and a
 *       Complete whose answer was lost is proved done by size and CRC;
 *   <li>Content-MD5 on every PutObject, so the server refuses a body damaged in transit;
 *   <li>listings use {@code encoding-type=url}, decoded here (the SDK leaves that to its caller), so every key
 *       survives the XML, control characters included;
 *   <li>the SDK's own failure logging is set by {@code sdklogging} on every request (off by default: it quotes
 *       the server's raw answer), and its own retries are off (the backend retries);
 *   <li>CopyObject refuses sources above 1 GB ({@link #maxCopyBytes}); keys hold at most 1,023 UTF-8 bytes and
 *       cannot start with a backslash.
 * </ul>
 */
final class OssStore implements ObjectStore {
  /** OSS's key limit, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1023;
  private static final String RANGE_BEHAVIOUR = "x-oss-range-behavior";

  private final OSS client;
  private final OssConfig config;
  private final String bucket;

  OssStore(OSS client, OssConfig config) {
    this.client = client;
    this.config = config;
    this.bucket = config.bucket;
  }

  /**
   * {@code request} with the SDK's own failure logging set as configured: off unless {@code sdklogging}, since
   * the SDK logs the server's raw answer, which for SignatureDoesNotMatch echoes the string to sign.
   */
  private <T extends WebServiceRequest> T quiet(T request) {
    request.setLogEnabled(config.sdkLogging);
    return request;
  }

  private static <T> T call(String operation, Supplier<T> request) throws ObjectStoreException {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw OssErrors.classify(operation, e);
    }
  }

  /** A key, prefix or marker from a listing made with {@code encoding-type=url}. */
  static String decode(String encoded) {
    return encoded == null ? null : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  private static Instant instant(Date date) {
    return date == null ? Instant.EPOCH : date.toInstant();
  }

  /** Metadata for every object the driver creates: encryption, storage class, ACL. */
  private ObjectMetadata newMetadata() {
    ObjectMetadata m = new ObjectMetadata();
    config.serverSideEncryption().ifPresent(sse -> m.setHeader("x-oss-server-side-encryption", sse));
    config.encryptionKeyId.ifPresent(id -> m.setHeader("x-oss-server-side-encryption-key-id", id));
    config.storageClass.ifPresent(sc -> m.setHeader("x-oss-storage-class", sc));
    config.objectAcl.ifPresent(acl -> m.setHeader("x-oss-object-acl", acl));
    return m;
  }

  @Override
  public int maxKeyBytes() {
    return MAX_KEY_BYTES;
  }

  @Override
  public String refusedKey(String key) {
    return key.startsWith("\\") ? "an OSS key cannot start with '\\'; set a rootdirectory to store such names"
        : null;
  }

  @Override
  public long maxCopyBytes() {
    return OssConfig.MAX_COPY_OBJECT_SIZE;
  }

  @Override
  public Checksum newChecksum() {
    return new CRC64();
  }

  @Override
  public Long combineChecksums(List<Part> runs) {
    Long crc = null;
    for (Part run : runs) {
      if (run.checksum() == null) {
        return null;
      }
      crc = crc == null ? run.checksum() : Long.valueOf(CRC64.combine(crc, run.checksum(), run.size()));
    }
    return crc;
  }

  @Override
  public Optional<ObjectInfo> head(String key) throws IOException {
    return headMetadata(key).map(m -> new ObjectInfo(key, m.getContentLength(), instant(m.getLastModified()),
        m.getETag()));
  }

  private Optional<ObjectMetadata> headMetadata(String key) throws IOException {
    try {
      // A 404 is an answer here (a directory, or nothing): never logged, whatever sdklogging says.
      GenericRequest request = new GenericRequest(bucket, key);
      request.setLogEnabled(false);
      return Optional.of(client.getObjectMetadata(request));
    } catch (RuntimeException e) {
      ObjectStoreException classified = OssErrors.classify("HeadObject", e);
      if (classified.kind() == ObjectStoreException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw classified;
    }
  }

  @Override
  public Body get(String key, long offset, String ifMatch) throws IOException {
    GetObjectRequest request = new GetObjectRequest(bucket, key);
    request.setLogEnabled(false); // 404, 412 and 416 are answers here, not failures worth a warning
    if (offset > 0) {
      request.setRange(offset, -1);
      request.addHeader(RANGE_BEHAVIOUR, "standard");
    }
    if (ifMatch != null) {
      request.setMatchingETagConstraints(List.of(ifMatch));
    }
    OSSObject object = call("GetObject", () -> client.getObject(request));
    ObjectMetadata meta = object.getObjectMetadata();
    long start = 0;
    long size = meta.getContentLength();
    Object range = null;
    for (Map.Entry<String, Object> h : meta.getRawMetadata().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Range")) {
        range = h.getValue();
      }
    }
    if (range != null) {
      String s = range.toString().trim(); // bytes first-last/total
      try {
        start = Long.parseLong(s.substring(s.indexOf(' ') + 1, s.indexOf('-')).trim());
        size = Long.parseLong(s.substring(s.indexOf('/') + 1).trim());
      } catch (RuntimeException e) {
        forcedClose(object);
        throw new ObjectStoreException(ObjectStoreException.Kind.OTHER, "GetObject: an unreadable Content-Range",
            null);
      }
    }
    // The SDK keeps a CRC-64 over the body of a whole read (and never checks it): the reader checks with that one.
    Checksum running = object.getObjectContent() instanceof CheckedInputStream c && offset == 0 ? c.getChecksum()
        : null;
    return new Body(new ClosingStream(object, size - start), start, size, meta.getETag(),
        meta.getUserMetadata(), meta.getServerCRC(), running);
  }

  private static void forcedClose(OSSObject object) {
    try {
      object.forcedClose();
    } catch (IOException | RuntimeException ignored) {
      // The connection is being discarded; nothing to keep.
    }
  }

  /** Closes the object, aborting the connection when closed before the end, so the pool is not drained. */
  private static final class ClosingStream extends BodyStream {
    private final OSSObject object;

    ClosingStream(OSSObject object, long length) {
      super(object.getObjectContent(), length);
      this.object = object;
    }

    @Override
    protected void abort() {
      forcedClose(object);
    }

    @Override
    protected void finish() {
      try {
        object.close();
      } catch (IOException | RuntimeException e) {
        forcedClose(object);
      }
    }
  }

  static String md5(byte[] b, int off, int len) {
    try {
      MessageDigest d = MessageDigest.getInstance("MD5");
      d.update(b, off, len);
      return Base64.getEncoder().encodeToString(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void put(String key, byte[] data, int length, Map<String, String> metadata) throws IOException {
    ObjectMetadata meta = newMetadata();
    meta.setContentLength(length);
    meta.setContentMD5(md5(data, 0, length));
    metadata.forEach(meta::addUserMetadata);
    call("PutObject", () -> client.putObject(quiet(new PutObjectRequest(bucket, key,
        new ByteArrayInputStream(data, 0, length), meta))));
  }

  @Override
  public Listing list(String prefix, String delimiter, String startAfter, String token, int maxKeys)
      throws IOException {
    ListObjectsV2Request request = quiet(new ListObjectsV2Request(bucket, prefix));
    request.setMaxKeys(maxKeys);
    request.setEncodingType("url");
    if (delimiter != null) {
      request.setDelimiter(delimiter);
    }
    if (token != null) {
      request.setContinuationToken(token);
    } else if (startAfter != null) {
      request.setStartAfter(startAfter);
    }
    ListObjectsV2Result page = call("ListObjectsV2", () -> client.listObjectsV2(request));
    List<ObjectInfo> objects = new ArrayList<>(page.getObjectSummaries().size());
    for (OSSObjectSummary s : page.getObjectSummaries()) {
      objects.add(new ObjectInfo(decode(s.getKey()), s.getSize(), instant(s.getLastModified()), s.getETag()));
    }
    List<String> prefixes = new ArrayList<>(page.getCommonPrefixes().size());
    for (String p : page.getCommonPrefixes()) {
      prefixes.add(decode(p));
    }
    return new Listing(objects, prefixes, page.isTruncated() ? decode(page.getNextContinuationToken()) : null);
  }

  @Override
  public void delete(String key) throws IOException {
    call("DeleteObject", () -> {
      client.deleteObject(quiet(new GenericRequest(bucket, key)));
      return null;
    });
  }

  @Override
  public List<String> deleteBatch(List<String> keys) throws IOException {
    DeleteObjectsRequest request = quiet(new DeleteObjectsRequest(bucket));
    request.setKeys(new ArrayList<>(keys));
    request.setQuiet(false);
    DeleteObjectsResult result = call("DeleteMultipleObjects", () -> client.deleteObjects(request));
    Set<String> deleted = new HashSet<>(result.getDeletedObjects());
    List<String> left = new ArrayList<>();
    for (String k : keys) {
      if (!deleted.contains(k)) {
        left.add(k);
      }
    }
    return left;
  }

  @Override
  public void copy(String from, String to) throws IOException {
    CopyObjectRequest request = quiet(new CopyObjectRequest(bucket, from, bucket, to));
    request.setNewObjectMetadata(newMetadata());
    config.serverSideEncryption().ifPresent(request::setServerSideEncryption);
    config.encryptionKeyId.ifPresent(request::setServerSideEncryptionKeyId);
    call("CopyObject", () -> client.copyObject(request));
  }

  @Override
  public String createUpload(String key) throws IOException {
    return call("InitiateMultipartUpload", () -> client.initiateMultipartUpload(
        quiet(new InitiateMultipartUploadRequest(bucket, key, newMetadata()))).getUploadId());
  }

  @Override
  public Part uploadPart(String key, String uploadId, int number, byte[] data, int length) throws IOException {
    // No Content-MD5 and no CRC pass of our own: the SDK computes the part's CRC-64 while sending it and compares
    // it with the server's (a mismatch is an InconsistentException, CORRUPTED, so retried).
    UploadPartResult result = call("UploadPart", () -> client.uploadPart(quiet(new UploadPartRequest(bucket, key,
        uploadId, number, new ByteArrayInputStream(data, 0, length), length))));
    Long crc = result.getClientCRC();
    if (crc == null) {
      CRC64 computed = new CRC64();
      computed.update(data, length);
      crc = computed.getValue();
    }
    return new Part(number, result.getETag(), length, crc);
  }

  @Override
  public String uploadPartCopy(String from, String to, String uploadId, int number, long first, long length,
      String sourceEtag) throws IOException {
    UploadPartCopyRequest request = quiet(new UploadPartCopyRequest(bucket, from, bucket, to, uploadId, number,
        first, length));
    if (sourceEtag != null) {
      request.setMatchingETagConstraints(List.of(sourceEtag));
    }
    return call("UploadPartCopy", () -> client.uploadPartCopy(request).getPartETag().getETag());
  }

  @Override
  public void complete(String key, String uploadId, List<Part> parts) throws IOException {
    complete(key, uploadId, parts, null);
  }

  @Override
  public void complete(String key, String uploadId, List<Part> parts, Long checksum) throws IOException {
    List<PartETag> etags = new ArrayList<>(parts.size());
    for (Part p : parts) {
      etags.add(new PartETag(p.number(), p.etag(), p.size(), p.checksum()));
    }
    CompleteMultipartUploadResult result = call("CompleteMultipartUpload", () -> client.completeMultipartUpload(
        quiet(new CompleteMultipartUploadRequest(bucket, key, uploadId, etags))));
    Long server = result.getServerCRC();
    if (checksum != null && server != null && server.longValue() != checksum.longValue()) {
      try {
        delete(key);
      } catch (IOException e) {
        ObjectStoreException mismatch = corrupted();
        mismatch.addSuppressed(e);
        throw mismatch;
      }
      throw corrupted();
    }
  }

  private static ObjectStoreException corrupted() {
    return new ObjectStoreException(ObjectStoreException.Kind.CORRUPTED, "CompleteMultipartUpload: the CRC-64 of"
        + " the committed object differs from that of the bytes written; it was removed", null);
  }

  /** The object holds these parts if its size and CRC-64 are theirs: only these bytes match both. */
  @Override
  public boolean holds(String key, List<Part> parts, long size, Long checksum) throws IOException {
    if (checksum == null) {
      return false;
    }
    Optional<ObjectMetadata> now = headMetadata(key);
    return now.isPresent() && now.get().getContentLength() == size && checksum.equals(now.get().getServerCRC());
  }

  @Override
  public void abort(String key, String uploadId) throws IOException {
    call("AbortMultipartUpload", () -> {
      client.abortMultipartUpload(quiet(new AbortMultipartUploadRequest(bucket, key, uploadId)));
      return null;
    });
  }

  @Override
  public UploadListing listUploads(String prefix, String keyMarker, String uploadIdMarker, int max)
      throws IOException {
    ListMultipartUploadsRequest request = quiet(new ListMultipartUploadsRequest(bucket));
    request.setPrefix(prefix);
    request.setMaxUploads(max);
    request.setEncodingType("url");
    request.setKeyMarker(keyMarker);
    request.setUploadIdMarker(uploadIdMarker);
    MultipartUploadListing listing = call("ListMultipartUploads", () -> client.listMultipartUploads(request));
    List<Upload> uploads = new ArrayList<>(listing.getMultipartUploads().size());
    for (MultipartUpload u : listing.getMultipartUploads()) {
      uploads.add(new Upload(decode(u.getKey()), u.getUploadId(), instant(u.getInitiated())));
    }
    boolean more = listing.isTruncated() && listing.getNextKeyMarker() != null;
    return new UploadListing(uploads, more ? decode(listing.getNextKeyMarker()) : null,
        more ? listing.getNextUploadIdMarker() : null);
  }

  @Override
  public PartListing listParts(String key, String uploadId, int marker, int max) throws IOException {
    ListPartsRequest request = quiet(new ListPartsRequest(bucket, key, uploadId));
    request.setMaxParts(max);
    if (marker > 0) {
      request.setPartNumberMarker(marker);
    }
    com.aliyun.oss.model.PartListing listing = call("ListParts", () -> client.listParts(request));
    List<Part> parts = new ArrayList<>(listing.getParts().size());
    for (PartSummary p : listing.getParts()) {
      parts.add(new Part(p.getPartNumber(), p.getETag(), p.getSize()));
    }
    Integer next = listing.getNextPartNumberMarker();
    return new PartListing(parts, listing.isTruncated() && next != null ? next : 0);
  }

  @Override
  public URI presign(String key, RedirectMethod method, Duration expiry) throws IOException {
    GeneratePresignedUrlRequest request = new GeneratePresignedUrlRequest(bucket, key,
        method == RedirectMethod.HEAD ? HttpMethod.HEAD : HttpMethod.GET);
    request.setExpiration(Date.from(Instant.now().plus(expiry)));
    try {
      return call("presign", () -> client.generatePresignedUrl(request)).toURI();
    } catch (URISyntaxException e) {
      // The URL carries a signature: never put it in a message.
      throw new ObjectStoreException(ObjectStoreException.Kind.OTHER, "presign: the SDK made a URL that is not a"
          + " valid URI", null);
    }
  }

  @Override
  public void close() {
    client.shutdown();
  }

  @Override
  public String toString() {
    return "OssStore" + config;
  }
}
