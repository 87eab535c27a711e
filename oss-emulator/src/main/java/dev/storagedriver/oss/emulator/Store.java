package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.Bucket;
import dev.storagedriver.oss.emulator.Model.StoredObject;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/** All buckets plus the blob storage behind them. */
final class Store {
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

  final BlobStore blobs;
  /** CopyObject's source size limit; 1 GB as OSS, lowered only by tests. */
  volatile long maxCopySize = 1L << 30;
  /** The most entries one listing page holds, whatever the client asked for (a server may send fewer). */
  volatile int listPageLimit = 1000;
  final ConcurrentSkipListMap<String, Bucket> buckets = new ConcurrentSkipListMap<>();

  final Catalog catalog;

  /** The entries a listing page holds when the client asked for {@code requested}. */
  int pageSize(int requested) {
    return Math.min(requested, listPageLimit);
  }

  Store(BlobStore blobs, Catalog catalog) {
    this.blobs = blobs;
    this.catalog = catalog;
  }

  /** Creates the bucket with default settings unless it exists; returns whether it did. */
  boolean createBucket(String name, long created) {
    return createBucket(name, created, Model.BucketSettings.DEFAULT);
  }

  /** Creates the bucket unless it exists (an existing one keeps its settings); returns whether it did. */
  boolean createBucket(String name, long created, Model.BucketSettings settings) {
    Bucket b = new Bucket(name, created, settings);
    if (buckets.putIfAbsent(name, b) != null) {
      return false;
    }
    catalog.bucketCreated(b);
    return true;
  }

  /** Removes an (empty) bucket; the caller holds the bucket lock. */
  void deleteBucket(Bucket b) {
    if (buckets.remove(b.name, b)) {
      catalog.bucketDeleted(b.name);
    }
  }

  Bucket bucket(String name) throws OssException {
    Bucket b = buckets.get(name);
    if (b == null) {
      throw OssException.noSuchBucket(name);
    }
    return b;
  }

  StoredObject object(Bucket b, String key) throws OssException {
    StoredObject o = b.objects.get(key);
    if (o == null) {
      throw OssException.noSuchKey(key);
    }
    return o;
  }

  static void checkBucketName(String name) throws OssException {
    if (!BUCKET_NAME.matcher(name).matches()) {
      throw new OssException(400, "InvalidBucketName", "The specified bucket is not valid.").with("BucketName", name);
    }
  }

  /**
   * Installs {@code o}, freeing the storage of the version it replaces (unless shared, as after an append). The
   * caller holds the bucket lock, so the catalog sees writes in map order.
   */
  void replace(Bucket b, StoredObject o) {
    StoredObject old = b.objects.put(o.key(), o);
    catalog.objectWritten(b.name, o);
    if (old != null && !old.blob().sharesStorage(o.blob()) && old.blob() != o.blob()) {
      old.blob().release();
    }
  }

  void delete(Bucket b, String key) {
    StoredObject old = b.objects.remove(key);
    if (old != null) {
      catalog.objectDeleted(b.name, key);
      old.blob().release();
    }
  }
}
