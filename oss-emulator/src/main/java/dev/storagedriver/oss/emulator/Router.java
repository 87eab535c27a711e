package dev.storagedriver.oss.emulator;

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

  static String operation(OssRequest r) {
    String m = r.method.name();
    if (r.bucket == null) {
      return m.equals("GET") ? "ListBuckets" : "Unsupported";
    }
    if (!r.hasKey()) {
      return switch (m) {
        case "PUT" -> r.has("acl") ? "PutBucketAcl" : "PutBucket";
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
          yield "ListObjects";
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
    if (r.bucket != null && !r.bucket.isEmpty() && !r.operation.equals("PutBucket")
        && !r.operation.equals("Unsupported")) {
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
