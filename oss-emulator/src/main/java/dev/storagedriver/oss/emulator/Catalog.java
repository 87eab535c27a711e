package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.Bucket;
import dev.storagedriver.oss.emulator.Model.StoredObject;

/**
 * Where bucket and object metadata is persisted besides the in-memory maps: nowhere (memory storage) or next to the
 * blobs ({@link DirectoryCatalog}). Calls for one bucket are made under that bucket's lock, so they arrive in the
 * order the maps changed.
 */
interface Catalog {
  Catalog NONE = new Catalog() {};

  default void bucketCreated(Bucket bucket) {}

  default void bucketDeleted(String bucket) {}

  default void objectWritten(String bucket, StoredObject o) {}

  default void objectDeleted(String bucket, String key) {}
}
