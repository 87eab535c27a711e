package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.Bucket;
import java.util.ArrayList;
import java.util.List;

/** ListBuckets, PutBucket, DeleteBucket and the read-only bucket queries the SDK uses (acl, location, info). */
final class BucketOps {
  final Store store;
  private final String region;

  BucketOps(Store store, String region) {
    this.store = store;
    this.region = region;
  }

  Exchange listBuckets(OssRequest r) throws Exception {
    String prefix = r.query.getOrDefault("prefix", "");
    String marker = r.query.getOrDefault("marker", "");
    int max = ObjectHeaders.intParam(r, "max-keys", 1000, 1, 1000);
    return Exchange.of(() -> {
      List<Bucket> page = new ArrayList<>();
      boolean truncated = false;
      for (Bucket b : store.buckets.tailMap(marker, false).values()) {
        if (!b.name.startsWith(prefix)) {
          continue;
        }
        if (page.size() == max) {
          truncated = true;
          break;
        }
        page.add(b);
      }
      Xml x = new Xml().open("ListAllMyBucketsResult");
      if (!prefix.isEmpty() || !marker.isEmpty() || r.has("max-keys")) {
        x.el("Prefix", prefix).el("Marker", marker).el("MaxKeys", max).el("IsTruncated", truncated);
        if (truncated) {
          x.el("NextMarker", page.get(page.size() - 1).name);
        }
      }
      x.open("Owner").el("ID", ListOps.OWNER_ID).el("DisplayName", ListOps.OWNER_ID).close("Owner");
      x.open("Buckets");
      for (Bucket b : page) {
        x.open("Bucket").el("CreationDate", Xml.date(b.created)).el("ExtranetEndpoint", r.header("Host"))
            .el("IntranetEndpoint", r.header("Host")).el("Location", "oss-" + region).el("Name", b.name)
            .el("Region", region).el("StorageClass", "Standard").close("Bucket");
      }
      return Response.xml(x.close("Buckets").close("ListAllMyBucketsResult"));
    });
  }

  Exchange putBucket(OssRequest r) throws Exception {
    Store.checkBucketName(r.bucket);
    return Exchange.of(() -> {
      if (!store.createBucket(r.bucket, System.currentTimeMillis())) {
        throw new OssException(409, "BucketAlreadyExists", "The requested bucket name is not available.")
            .with("BucketName", r.bucket);
      }
      return Response.ok().header("Location", "/" + r.bucket);
    });
  }

  Exchange deleteBucket(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    return Exchange.of(() -> {
      synchronized (b) {
        if (!b.objects.isEmpty() || !b.uploads.isEmpty()) {
          throw new OssException(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.")
              .with("BucketName", b.name);
        }
        store.deleteBucket(b);
      }
      return Response.noContent();
    });
  }

  Exchange getBucketAcl(OssRequest r) throws Exception {
    store.bucket(r.bucket);
    return Exchange.of(() -> Response.xml(new Xml().open("AccessControlPolicy")
        .open("Owner").el("ID", ListOps.OWNER_ID).el("DisplayName", ListOps.OWNER_ID).close("Owner")
        .open("AccessControlList").el("Grant", "private").close("AccessControlList")
        .close("AccessControlPolicy")));
  }

  Exchange getBucketLocation(OssRequest r) throws Exception {
    store.bucket(r.bucket);
    return Exchange.of(() -> Response.xml(new Xml().el("LocationConstraint", "oss-" + region)));
  }

  Exchange getBucketInfo(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    return Exchange.of(() -> Response.xml(new Xml().open("BucketInfo").open("Bucket")
        .el("CreationDate", Xml.date(b.created)).el("ExtranetEndpoint", r.header("Host"))
        .el("IntranetEndpoint", r.header("Host")).el("Location", "oss-" + region).el("Name", b.name)
        .el("Region", region).el("StorageClass", "Standard").el("AccessMonitor", "Disabled")
        .open("Owner").el("ID", ListOps.OWNER_ID).el("DisplayName", ListOps.OWNER_ID).close("Owner")
        .open("AccessControlList").el("Grant", "private").close("AccessControlList")
        .close("Bucket").close("BucketInfo")));
  }
}
