package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.Bucket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ListBuckets, PutBucket, DeleteBucket, HEAD and the read-only bucket queries the SDK uses (acl, location, info). */
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
            .el("Region", region).el("StorageClass", b.settings.storageClass()).close("Bucket");
      }
      return Response.xml(x.close("Buckets").close("ListAllMyBucketsResult"));
    });
  }

  private static final Set<String> STORAGE_CLASSES = Set.of("Standard", "IA", "Archive", "ColdArchive",
      "DeepColdArchive");
  private static final Set<String> REDUNDANCY_TYPES = Set.of("LRS", "ZRS");

  /**
   * PutBucket with an optional {@code CreateBucketConfiguration} (StorageClass, DataRedundancyType,
   * LocationConstraint). The emulator is one account in one region: a bucket that exists is the caller's own, so
   * creating it again answers 200 and keeps its settings, as OSS does for the owner; a LocationConstraint other
   * than the emulator's region is InvalidLocationConstraint.
   */
  Exchange putBucket(OssRequest r) throws Exception {
    Store.checkBucketName(r.bucket);
    return BodyExchanges.document(r, 64 << 10, body -> {
      Model.BucketSettings settings = settings(body);
      store.createBucket(r.bucket, System.currentTimeMillis(), settings);
      return Response.ok().header("Location", "/" + r.bucket);
    });
  }

  private Model.BucketSettings settings(byte[] body) throws OssException {
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return Model.BucketSettings.DEFAULT;
    }
    Map<String, String> f = XmlIn.parse(body, "").fields();
    String location = f.get("LocationConstraint");
    if (location != null && !location.isEmpty() && !location.equals("oss-" + region) && !location.equals(region)) {
      throw new OssException(400, "InvalidLocationConstraint", "The specified location-constraint is not valid")
          .with("LocationConstraint", location);
    }
    String storageClass = f.getOrDefault("StorageClass", "");
    storageClass = storageClass.isEmpty() ? "Standard" : storageClass;
    if (!STORAGE_CLASSES.contains(storageClass)) {
      throw new OssException(400, "InvalidStorageClass", "The storage class you specified is not valid")
          .with("StorageClass", storageClass);
    }
    String redundancy = f.getOrDefault("DataRedundancyType", "");
    redundancy = redundancy.isEmpty() ? "LRS" : redundancy;
    if (!REDUNDANCY_TYPES.contains(redundancy)) {
      throw OssException.invalidArgument("The DataRedundancyType you specified is not valid.")
          .with("ArgumentName", "DataRedundancyType").with("ArgumentValue", redundancy);
    }
    return new Model.BucketSettings(storageClass, redundancy);
  }

  /** HEAD on a bucket: whether it exists, and its region in {@code x-oss-bucket-region}. */
  Exchange headBucket(OssRequest r) throws Exception {
    store.bucket(r.bucket);
    return Exchange.of(() -> Response.ok().header("x-oss-bucket-region", region).header("Content-Length", 0));
  }

  Exchange deleteBucket(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    return Exchange.of(() -> {
      synchronized (b) {
        if (!b.objects.isEmpty() || !b.uploads.isEmpty()) {
          throw (b.objects.isEmpty()
              ? new OssException(409, "BucketNotEmpty", "The bucket has Multipart Uploads. Please delete them "
                  + "first.").ec("") // OSS documents no EC for this cause
              : new OssException(409, "BucketNotEmpty", "The bucket has objects. Please delete them first."))
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
        .el("Region", region).el("StorageClass", b.settings.storageClass())
        .el("DataRedundancyType", b.settings.dataRedundancyType()).el("AccessMonitor", "Disabled")
        .open("Owner").el("ID", ListOps.OWNER_ID).el("DisplayName", ListOps.OWNER_ID).close("Owner")
        .open("AccessControlList").el("Grant", "private").close("AccessControlList")
        .close("Bucket").close("BucketInfo")));
  }
}
