package dev.storagedriver.objectstore;

import dev.storagedriver.AggregateDriverException;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriverException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive delete: the key itself and every key below {@code key + "/"} (never a key that merely shares the
 * prefix), in batch deletes of at most 1,000 keys, one per listing page, the key itself riding along in the
 * first batch with room (so a directory of N keys costs ⌈N/1000⌉ listings and as many batches, no HEAD). Batch
 * deletes are idempotent, so they are retried like any idempotent request. Keys the store does not report
 * deleted, and batches that fail, are collected and reported together. Keys below the path that name no valid
 * path (another tool's) are left in place and reported as a {@code CONFLICT}: list and walk cannot show them,
 * so delete does not remove them unseen.
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
    List<StorageDriverException> failures = new ArrayList<>();
    // Keys ending in '/' are folder markers (consoles create them; jclouds' filesystem store lists its
    // directories so): no path's key, but they keep a prefix alive. Deleted last, deepest first, once what they
    // hold is gone: a store that keeps them as real directories cannot remove one that is not empty.
    List<String> markers = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    boolean found = false;
    // The key itself rides along in the first batch with room: deleting an absent key is no error, so a
    // directory costs no HEAD. Only when nothing lies below does a HEAD tell a file from nothing.
    boolean keyPending = true;
    String token = null;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("delete", path,
          () -> requests.store.list(key + "/", null, null, t, PendingWrites.PAGE));
      List<String> batch = new ArrayList<>();
      for (ObjectStore.ObjectInfo o : page.objects()) {
        found = true;
        Keys.Kind kind = backend.keys.classify(o.key()).kind();
        if (kind == Keys.Kind.MARKER) {
          markers.add(o.key());
        } else if (kind == Keys.Kind.FILE || kind == Keys.Kind.NESTED_STATE) {
          batch.add(o.key()); // a driver rooted below keeps its state inside the tree: it goes with it
        } else {
          // Another tool's key that no path names: list and walk cannot show it, so delete must not remove it.
          foreign.add(o.key());
        }
      }
      token = page.nextToken();
      if (keyPending && !batch.isEmpty() && batch.size() < PendingWrites.PAGE) {
        batch.add(key);
        keyPending = false;
      }
      if (!batch.isEmpty()) {
        deleteBatch(path, batch, failures);
      }
    } while (token != null);
    if (!markers.isEmpty()) {
      markers.sort(java.util.Comparator.comparingInt(String::length).reversed());
      for (int i = 0; i < markers.size(); i += PendingWrites.PAGE) {
        deleteBatch(path, markers.subList(i, Math.min(markers.size(), i + PendingWrites.PAGE)), failures);
      }
    }
    if (keyPending) {
      if (found || backend.head(key, path).isPresent()) {
        deleteBatch(path, List.of(key), failures);
      } else {
        throw new NoSuchFileException(path);
      }
    }
    if (!foreign.isEmpty()) {
      failures.add(backend.keys.foreignKeys("delete", path, foreign));
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
}
