package dev.storagedriver.objectstore;

import dev.storagedriver.AggregateDriverException;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive delete: the key itself and every key below {@code key + "/"} (never a key that merely shares the
 * prefix), in batch deletes of at most 1,000 keys, one per listing page. Batch deletes are idempotent, so they
 * are retried like any idempotent request. Keys the store does not report deleted, and batches that fail, are
 * collected and reported together.
 */
final class Deleter {
  private final ObjectStoreBackend backend;
  private final Requests requests;

  Deleter(ObjectStoreBackend backend) {
    this.backend = backend;
    this.requests = backend.requests;
  }

  void delete(String path) throws IOException {
    String key = backend.keys.key(path);
    boolean isFile = backend.head(key, path).isPresent();
    List<StorageDriverException> failures = new ArrayList<>();
    boolean found = isFile;
    // Keys ending in '/' are folder markers (consoles create them; jclouds' filesystem store lists its
    // directories so): no path's key, but they keep a prefix alive. Deleted last, deepest first, once what they
    // hold is gone: a store that keeps them as real directories cannot remove one that is not empty.
    List<String> markers = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("delete", path,
          () -> requests.store.list(key + "/", null, null, t, PendingWrites.PAGE));
      List<String> keys = new ArrayList<>();
      for (ObjectStore.ObjectInfo o : page.objects()) {
        if (o.key().endsWith("/")) {
          markers.add(o.key());
        } else if (backend.keys.pathOf(o.key()) == null) {
          // Another tool's key that no path names: list and walk cannot show it, so delete must not remove it.
          foreign.add(o.key());
        } else {
          keys.add(o.key());
        }
      }
      if (!keys.isEmpty()) {
        found = true;
        deleteBatch(path, keys, failures);
      }
      token = page.nextToken();
    } while (token != null);
    if (!foreign.isEmpty()) {
      throw new DriverException(requests.driver, path, ErrorCode.CONFLICT, "deleted what " + path
          + " holds except " + foreign.size() + " object(s) other tools wrote whose keys no path can name, "
          + "which a listing cannot show either: " + describe(foreign), null);
    }
    if (!markers.isEmpty()) {
      found = true;
      markers.sort(java.util.Comparator.comparingInt(String::length).reversed());
      for (int i = 0; i < markers.size(); i += PendingWrites.PAGE) {
        deleteBatch(path, markers.subList(i, Math.min(markers.size(), i + PendingWrites.PAGE)), failures);
      }
    }
    if (!found) {
      throw new NoSuchFileException(path);
    }
    if (isFile) {
      deleteBatch(path, List.of(key), failures);
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    if (!failures.isEmpty()) {
      throw new AggregateDriverException(requests.driver, path, failures);
    }
  }

  private void deleteBatch(String path, List<String> keys, List<StorageDriverException> failures) {
    List<String> left;
    try {
      left = requests.idempotent("delete", path, () -> requests.store.deleteBatch(keys));
    } catch (IOException e) {
      failures.add(requests.typedDriverException("delete", path, e));
      return;
    }
    for (String k : left) {
      String p = backend.keys.pathOf(k);
      failures.add(new DriverException(requests.driver, p == null ? path : p, ErrorCode.UNKNOWN,
          "delete " + (p == null ? path : p) + ": the store did not delete the object", null));
    }
  }

  private static String describe(List<String> keys) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(keys.size(), 5); i++) {
      out.append(i == 0 ? "" : ", ").append('"').append(StoragePaths.printable(keys.get(i))).append('"');
    }
    return keys.size() > 5 ? out + ", ..." : out.toString();
  }
}
