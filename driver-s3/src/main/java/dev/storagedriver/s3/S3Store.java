package dev.storagedriver.s3;

import dev.storagedriver.RedirectMethod;
import dev.storagedriver.objectstore.BodyStream;
import dev.storagedriver.objectstore.ObjectStore;
import dev.storagedriver.objectstore.ObjectStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The raw requests of one S3 bucket on AWS SDK for Java v2. Every new object (PUT, multipart upload, copy) gets
 * the configured server-side encryption, storage class and ACL. Listings ask for URL-encoded keys (the SDK decodes
 * them), so keys with any character survive XML. Small PUTs carry a Content-MD5 so the server refuses a body
 * damaged in transit.
 */
final class S3Store implements ObjectStore {
  /** S3 keys are at most 1,024 UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  private final S3Client client;
  private final S3Presigner presigner;
  private final S3Config config;
  private final String bucket;

  S3Store(S3Client client, S3Presigner presigner, S3Config config) {
    this.client = client;
    this.presigner = presigner;
    this.config = config;
    this.bucket = config.bucket;
  }

  private static <T> T call(String operation, Supplier<T> request) throws ObjectStoreException {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw S3Errors.classify(operation, e);
    }
  }

  private static String unquote(String etag) {
    if (etag == null) {
      return null;
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1) : etag;
  }

  private static RequestBody body(byte[] data, int length) {
    // A fresh stream over the caller's array per attempt: no copy of the bytes.
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
        "application/octet-stream");
  }

  private static Instant instant(Instant t) {
    return t == null ? Instant.EPOCH : t;
  }

  @Override
  public int maxKeyBytes() {
    return MAX_KEY_BYTES;
  }

  @Override
  public Optional<ObjectInfo> head(String key) throws IOException {
    try {
      HeadObjectResponse r = client.headObject(b -> b.bucket(bucket).key(key));
      return Optional.of(new ObjectInfo(key, r.contentLength(), instant(r.lastModified()), unquote(r.eTag())));
    } catch (S3Exception e) {
      if (S3Errors.kind(e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
          : e.awsErrorDetails().errorCode(), e.statusCode()) == ObjectStoreException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw S3Errors.classify("HeadObject", e);
    } catch (RuntimeException e) {
      throw S3Errors.classify("HeadObject", e);
    }
  }

  @Override
  public Body get(String key, long offset, String ifMatch) throws IOException {
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
    if (offset > 0) {
      request.range("bytes=" + offset + "-");
    }
    if (ifMatch != null) {
      request.ifMatch("\"" + ifMatch + "\"");
    }
    ResponseInputStream<GetObjectResponse> in = call("GetObject", () -> client.getObject(request.build()));
    GetObjectResponse r = in.response();
    long start = 0;
    long size = r.contentLength() == null ? 0 : r.contentLength();
    String range = r.contentRange();
    if (range != null && range.startsWith("bytes ")) {
      // bytes first-last/total
      int dash = range.indexOf('-');
      int slash = range.indexOf('/');
      if (dash > 6 && slash > dash) {
        try {
          start = Long.parseLong(range.substring(6, dash).trim());
          size = Long.parseLong(range.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
          in.abort();
          throw new ObjectStoreException(ObjectStoreException.Kind.OTHER, "GetObject: an unreadable Content-Range",
              e);
        }
      }
    }
    return new Body(new AbortingStream(in, size - start), start, size, unquote(r.eTag()), r.metadata());
  }

  /** Aborts the connection when closed before the end, so the pool is not drained by reading the rest. */
  private static final class AbortingStream extends BodyStream {
    private final ResponseInputStream<?> response;

    AbortingStream(ResponseInputStream<?> response, long length) {
      super(response, length);
      this.response = response;
    }

    @Override
    protected void abort() throws IOException {
      response.abort();
      finish();
    }
  }

  @Override
  public void put(String key, byte[] data, int length, Map<String, String> metadata) throws IOException {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
        .contentLength((long) length).contentMD5(md5(data, length));
    if (!metadata.isEmpty()) {
      request.metadata(metadata);
    }
    newObject(request::storageClass, request::acl, request::serverSideEncryption, request::ssekmsKeyId);
    call("PutObject", () -> client.putObject(request.build(), body(data, length)));
  }

  /** Applies the settings for new objects (storage class, ACL, encryption) through a request builder's setters. */
  private void newObject(Consumer<StorageClass> storageClass, Consumer<ObjectCannedACL> acl,
      Consumer<ServerSideEncryption> encryption, Consumer<String> kmsKey) {
    config.storageClass.ifPresent(sc -> storageClass.accept(StorageClass.fromValue(sc)));
    config.objectAcl.ifPresent(a -> acl.accept(ObjectCannedACL.fromValue(a)));
    if (config.encrypt) {
      encryption.accept(config.keyId.isPresent() ? ServerSideEncryption.AWS_KMS : ServerSideEncryption.AES256);
      config.keyId.ifPresent(kmsKey);
    }
  }

  static String md5(byte[] data, int length) {
    try {
      MessageDigest d = MessageDigest.getInstance("MD5");
      d.update(data, 0, length);
      return Base64.getEncoder().encodeToString(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public Listing list(String prefix, String delimiter, String startAfter, String token, int maxKeys)
      throws IOException {
    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
        .maxKeys(maxKeys).encodingType(EncodingType.URL);
    if (delimiter != null) {
      request.delimiter(delimiter);
    }
    if (token != null) {
      request.continuationToken(token);
    } else if (startAfter != null) {
      request.startAfter(startAfter);
    }
    ListObjectsV2Response r = call("ListObjectsV2", () -> client.listObjectsV2(request.build()));
    List<ObjectInfo> objects = new ArrayList<>(r.contents().size());
    for (var o : r.contents()) {
      objects.add(new ObjectInfo(o.key(), o.size() == null ? 0 : o.size(), instant(o.lastModified()),
          unquote(o.eTag())));
    }
    List<String> prefixes = new ArrayList<>(r.commonPrefixes().size());
    for (var p : r.commonPrefixes()) {
      prefixes.add(p.prefix());
    }
    String next = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
    return new Listing(objects, prefixes, next);
  }

  @Override
  public void delete(String key) throws IOException {
    call("DeleteObject", () -> client.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  @Override
  public List<String> deleteBatch(List<String> keys) throws IOException {
    List<ObjectIdentifier> ids = new ArrayList<>(keys.size());
    for (String k : keys) {
      ids.add(ObjectIdentifier.builder().key(k).build());
    }
    DeleteObjectsResponse r = call("DeleteObjects",
        () -> client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true))));
    List<String> left = new ArrayList<>();
    for (S3Error error : r.errors()) {
      if (!"NoSuchKey".equals(error.code())) {
        left.add(error.key());
      }
    }
    return left;
  }

  @Override
  public void copy(String from, String to) throws IOException {
    CopyObjectRequest.Builder request = CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(from)
        .destinationBucket(bucket).destinationKey(to);
    newObject(request::storageClass, request::acl, request::serverSideEncryption, request::ssekmsKeyId);
    call("CopyObject", () -> client.copyObject(request.build()));
  }

  @Override
  public String createUpload(String key) throws IOException {
    CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket).key(key);
    newObject(request::storageClass, request::acl, request::serverSideEncryption, request::ssekmsKeyId);
    return call("CreateMultipartUpload", () -> client.createMultipartUpload(request.build())).uploadId();
  }

  @Override
  public Part uploadPart(String key, String uploadId, int number, byte[] data, int length) throws IOException {
    return new Part(number, unquote(call("UploadPart", () -> client.uploadPart(b -> b.bucket(bucket).key(key)
        .uploadId(uploadId).partNumber(number).contentLength((long) length), body(data, length))).eTag()), length);
  }

  @Override
  public String uploadPartCopy(String from, String to, String uploadId, int number, long first, long length,
      String sourceEtag) throws IOException {
    return unquote(call("UploadPartCopy", () -> client.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from)
        .destinationBucket(bucket).destinationKey(to).uploadId(uploadId).partNumber(number)
        .copySourceRange("bytes=" + first + "-" + (first + length - 1))
        .copySourceIfMatch(sourceEtag == null ? null : "\"" + sourceEtag + "\""))).copyPartResult().eTag());
  }

  @Override
  public void complete(String key, String uploadId, List<Part> parts) throws IOException {
    List<CompletedPart> completed = new ArrayList<>(parts.size());
    for (Part p : parts) {
      completed.add(CompletedPart.builder().partNumber(p.number()).eTag("\"" + p.etag() + "\"").build());
    }
    call("CompleteMultipartUpload", () -> client.completeMultipartUpload(b -> b.bucket(bucket).key(key)
        .uploadId(uploadId).multipartUpload(u -> u.parts(completed))));
  }

  /**
   * S3's entity tag of a multipart object is the MD5 of its parts' MD5s followed by {@code -<parts>}: when every
   * part's tag is its MD5 (no KMS encryption), that proves which parts the object holds.
   */
  @Override
  public boolean holds(String key, List<Part> parts, long size) throws IOException {
    Optional<ObjectInfo> now = head(key);
    if (now.isEmpty() || now.get().size() != size || now.get().etag() == null) {
      return false;
    }
    try {
      MessageDigest d = MessageDigest.getInstance("MD5");
      for (Part p : parts) {
        if (!p.etag().matches("[0-9a-fA-F]{32}")) {
          return false;
        }
        d.update(HexFormat.of().parseHex(p.etag()));
      }
      String expected = HexFormat.of().formatHex(d.digest()) + "-" + parts.size();
      return expected.equalsIgnoreCase(now.get().etag());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void abort(String key, String uploadId) throws IOException {
    call("AbortMultipartUpload", () -> client.abortMultipartUpload(b -> b.bucket(bucket).key(key)
        .uploadId(uploadId)));
  }

  @Override
  public UploadListing listUploads(String prefix, String keyMarker, String uploadIdMarker, int max)
      throws IOException {
    ListMultipartUploadsResponse r = call("ListMultipartUploads", () -> client.listMultipartUploads(b -> {
      b.bucket(bucket).prefix(prefix).maxUploads(max).encodingType(EncodingType.URL);
      if (keyMarker != null) {
        b.keyMarker(keyMarker);
        if (uploadIdMarker != null) {
          b.uploadIdMarker(uploadIdMarker);
        }
      }
    }));
    List<Upload> uploads = new ArrayList<>(r.uploads().size());
    for (var u : r.uploads()) {
      uploads.add(new Upload(u.key(), u.uploadId(), instant(u.initiated())));
    }
    boolean more = Boolean.TRUE.equals(r.isTruncated()) && r.nextKeyMarker() != null && !r.nextKeyMarker().isEmpty();
    return new UploadListing(uploads, more ? r.nextKeyMarker() : null, more ? r.nextUploadIdMarker() : null);
  }

  @Override
  public PartListing listParts(String key, String uploadId, int marker, int max) throws IOException {
    ListPartsResponse r = call("ListParts", () -> client.listParts(b -> {
      b.bucket(bucket).key(key).uploadId(uploadId).maxParts(max);
      if (marker > 0) {
        b.partNumberMarker(marker);
      }
    }));
    List<Part> parts = new ArrayList<>(r.parts().size());
    for (var p : r.parts()) {
      parts.add(new Part(p.partNumber(), unquote(p.eTag()), p.size() == null ? 0 : p.size()));
    }
    int next = Boolean.TRUE.equals(r.isTruncated()) && r.nextPartNumberMarker() != null
        ? r.nextPartNumberMarker() : 0;
    return new PartListing(parts, next);
  }

  @Override
  public URI presign(String key, RedirectMethod method, Duration expiry) throws IOException {
    try {
      java.net.URL url = method == RedirectMethod.HEAD
          ? presigner.presignHeadObject(p -> p.signatureDuration(expiry).headObjectRequest(h -> h.bucket(bucket)
              .key(key))).url()
          : presigner.presignGetObject(p -> p.signatureDuration(expiry).getObjectRequest(g -> g.bucket(bucket)
              .key(key))).url();
      return url.toURI();
    } catch (URISyntaxException e) {
      // The URL carries a signature: never put it in a message.
      throw new ObjectStoreException(ObjectStoreException.Kind.OTHER, "presign: the SDK made a URL that is not a"
          + " valid URI", null);
    } catch (RuntimeException e) {
      throw S3Errors.classify("presign", e);
    }
  }

  @Override
  public void close() {
    try {
      presigner.close();
    } finally {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "S3Store" + config;
  }
}
