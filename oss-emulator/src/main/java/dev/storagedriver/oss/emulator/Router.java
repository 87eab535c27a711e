package dev.storagedriver.oss.emulator;

import java.util.Map;
import java.util.Set;

/**
 * Names each request's OSS operation (method + addressing + sub-resource) and hands it to the operation group
 * that implements it. The names are the ones used by {@link OssEmulator#requestCount} and {@link Faults}.
 */
final class Router {
  private final BucketOps buckets;
  private final ObjectOps objects;
  private final MultipartOps multipart;
  private final ListOps lists;

  Router(Store store, String region) {
    this.buckets = new BucketOps(store, region);
    this.objects = new ObjectOps(store);
    this.multipart = new MultipartOps(store);
    this.lists = new ListOps(store);
  }

  /**
   * Signed parameters any operation may carry because they change nothing stored: the STS token, and the
   * bandwidth limit and requester-pays flag, which the emulator does not model (see the README).
   */
  private static final Set<String> ALWAYS_ACCEPTED = Set.of("security-token", "x-oss-traffic-limit",
      "x-oss-request-payer");

  private static final Set<String> RESPONSE_OVERRIDES = Set.of("response-cache-control",
      "response-content-disposition", "response-content-encoding", "response-content-language",
      "response-content-type", "response-expires");

  /** The sub-resources (of the V1 signed list) each implemented operation takes; any other one is refused. */
  private static final Map<String, Set<String>> ACCEPTED = Map.ofEntries(
      Map.entry("DeleteMultipleObjects", Set.of("delete")),
      Map.entry("ListMultipartUploads", Set.of("uploads")),
      Map.entry("GetBucketAcl", Set.of("acl")),
      Map.entry("GetBucketLocation", Set.of("location")),
      Map.entry("GetBucketInfo", Set.of("bucketInfo")),
      Map.entry("ListObjectsV2", Set.of("continuation-token")),
      Map.entry("UploadPart", Set.of("uploadId", "partNumber")),
      Map.entry("UploadPartCopy", Set.of("uploadId", "partNumber")),
      Map.entry("ListParts", Set.of("uploadId")),
      Map.entry("GetObject", RESPONSE_OVERRIDES),
      Map.entry("HeadObject", RESPONSE_OVERRIDES),
      Map.entry("GetObjectMeta", Set.of("objectMeta")),
      Map.entry("AbortMultipartUpload", Set.of("uploadId")),
      Map.entry("InitiateMultipartUpload", Set.of("uploads")),
      Map.entry("CompleteMultipartUpload", Set.of("uploadId")),
      Map.entry("AppendObject", Set.of("append", "position")));

  /**
   * Names the request's operation, or {@code Unsupported} (with {@link OssRequest#unsupported} saying why) when its
   * method, or a sub-resource it carries, is not implemented: e.g. {@code PUT /b/k?acl} would otherwise look like
   * a PutObject with an empty body, and {@code DELETE /b?cors} like DeleteBucket.
   */
  static String operation(OssRequest r) {
    String op = core(r);
    if (op.equals("Unsupported")) {
      r.unsupported = "the " + r.method.name() + " operation on " + (r.bucket == null ? "the service"
          : r.hasKey() ? "an object" : "a bucket") + describe(r);
      return op;
    }
    Set<String> accepted = ACCEPTED.getOrDefault(op, Set.of());
    for (String param : r.query.keySet()) {
      if (SignatureV1.SIGNED_PARAMS.contains(param) && !accepted.contains(param) && !ALWAYS_ACCEPTED.contains(param)) {
        r.unsupported = "the sub-resource '" + param + "' of " + r.method.name() + " on "
            + (r.bucket == null ? "the service" : r.hasKey() ? "an object" : "a bucket");
        return "Unsupported";
      }
    }
    return op;
  }

  private static String describe(OssRequest r) {
    for (String param : r.query.keySet()) {
      if (SignatureV1.SIGNED_PARAMS.contains(param) && !ALWAYS_ACCEPTED.contains(param)) {
        return " with the sub-resource '" + param + "'";
      }
    }
    return "";
  }

  private static String core(OssRequest r) {
    String m = r.method.name();
    if (r.bucket == null) {
      return m.equals("GET") ? "ListBuckets" : "Unsupported";
    }
    if (!r.hasKey()) {
      return switch (m) {
        case "PUT" -> "PutBucket";
        case "DELETE" -> "DeleteBucket";
        case "POST" -> r.has("delete") ? "DeleteMultipleObjects" : "Unsupported";
        case "GET", "HEAD" -> {
          if (r.has("uploads")) {
            yield "ListMultipartUploads";
          } else if (r.has("acl")) {
            yield "GetBucketAcl";
          } else if (r.has("location")) {
            yield "GetBucketLocation";
          } else if (r.has("bucketInfo")) {
            yield "GetBucketInfo";
          } else if ("2".equals(r.param("list-type"))) {
            yield "ListObjectsV2";
          }
          yield m.equals("HEAD") ? "HeadBucket" : "ListObjects";
        }
        default -> "Unsupported";
      };
    }
    boolean copy = r.header("x-oss-copy-source") != null;
    return switch (m) {
      case "PUT" -> r.has("uploadId") && r.has("partNumber")
          ? (copy ? "UploadPartCopy" : "UploadPart")
          : (copy ? "CopyObject" : "PutObject");
      case "GET" -> r.has("uploadId") ? "ListParts" : "GetObject";
      case "HEAD" -> r.has("objectMeta") ? "GetObjectMeta" : "HeadObject";
      case "DELETE" -> r.has("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
      case "POST" -> {
        if (r.has("uploads")) {
          yield "InitiateMultipartUpload";
        } else if (r.has("uploadId")) {
          yield "CompleteMultipartUpload";
        } else if (r.has("append")) {
          yield "AppendObject";
        }
        yield "Unsupported";
      }
      default -> "Unsupported";
    };
  }

  Exchange begin(OssRequest r) throws Exception {
    if (r.operation.equals("Unsupported")) {
      // refused before the bucket, the key or the body is looked at: nothing stored can change
      throw new OssException(501, "NotImplemented", "The emulator does not implement " + r.unsupported
          + "; nothing was read or written.");
    }
    if (r.bucket != null && !r.bucket.isEmpty() && r.bucketError) {
      throw OssException.invalidArgument("The bucket name in the request path is not valid UTF-8.");
    }
    if (r.keyError) {
      throw new OssException(400, "InvalidObjectName", "The specified object is not valid: its percent-encoding "
          + "is not UTF-8.");
    }
    if (r.bucket != null && !r.bucket.isEmpty() && !r.operation.equals("PutBucket")) {
      // fail fast, before any body is read, when the bucket is missing
      buckets.store.bucket(r.bucket);
    }
    return switch (r.operation) {
      case "ListBuckets" -> buckets.listBuckets(r);
      case "PutBucket" -> buckets.putBucket(r);
      case "DeleteBucket" -> buckets.deleteBucket(r);
      case "GetBucketAcl" -> buckets.getBucketAcl(r);
      case "GetBucketLocation" -> buckets.getBucketLocation(r);
      case "GetBucketInfo" -> buckets.getBucketInfo(r);
      case "HeadBucket" -> buckets.headBucket(r);
      case "ListObjects" -> lists.listObjects(r, false);
      case "ListObjectsV2" -> lists.listObjects(r, true);
      case "ListMultipartUploads" -> lists.listUploads(r);
      case "ListParts" -> lists.listParts(r);
      case "DeleteMultipleObjects" -> objects.deleteMultiple(r);
      case "PutObject" -> objects.put(r);
      case "CopyObject" -> objects.copy(r);
      case "GetObject", "HeadObject" -> objects.get(r);
      case "GetObjectMeta" -> objects.getMeta(r);
      case "DeleteObject" -> objects.delete(r);
      case "AppendObject" -> objects.append(r);
      case "InitiateMultipartUpload" -> multipart.initiate(r);
      case "UploadPart" -> multipart.uploadPart(r);
      case "UploadPartCopy" -> multipart.uploadPartCopy(r);
      case "CompleteMultipartUpload" -> multipart.complete(r);
      case "AbortMultipartUpload" -> multipart.abort(r);
      default -> throw new OssException(501, "NotImplemented", "The emulator does not implement this operation.");
    };
  }
}
