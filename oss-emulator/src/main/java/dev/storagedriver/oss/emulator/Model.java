package dev.storagedriver.oss.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The stored state: buckets of immutable object versions, and in-progress multipart uploads. */
final class Model {
  private Model() {}

  /** Headers stored with an object and sent back on GET/HEAD. */
  record Meta(String contentType, Map<String, String> headers, Map<String, String> user, String storageClass) {}

  /** One immutable object version; replacing an object swaps the whole record. */
  record StoredObject(String key, Blob blob, String etag, long crc, long lastModified, String type, Meta meta) {
    long size() {
      return blob.size();
    }
  }

  record Part(int number, Blob blob, String etag, long crc, long lastModified) {}

  /** An in-progress multipart upload; {@code parts} accepts concurrent UploadPart requests. */
  static final class Upload {
    final String bucket;
    final String key;
    final String uploadId;
    final long initiated;
    final Meta meta;
    final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();
    /** Set under this upload's lock while completing and once aborted; a part arriving then is refused. */
    volatile boolean finished;

    Upload(String bucket, String key, String uploadId, long initiated, Meta meta) {
      this.bucket = bucket;
      this.key = key;
      this.uploadId = uploadId;
      this.initiated = initiated;
      this.meta = meta;
    }
  }

  /** The settings a bucket is created with (PutBucket's CreateBucketConfiguration) and keeps. */
  record BucketSettings(String storageClass, String dataRedundancyType) {
    static final BucketSettings DEFAULT = new BucketSettings("Standard", "LRS");
  }

  /**
   * A bucket; mutations that check-then-write synchronise on the bucket, reads take no lock. Keys are ordered by
   * code point (= UTF-8 byte order), the order OSS lists them in; String's own order differs above U+FFFF.
   */
  static final class Bucket {
    final String name;
    final long created;
    final BucketSettings settings;
    final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>(Keys.ORDER);
    final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();

    Bucket(String name, long created, BucketSettings settings) {
      this.name = name;
      this.created = created;
      this.settings = settings;
    }
  }
}
