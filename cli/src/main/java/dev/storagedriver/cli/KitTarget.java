package dev.storagedriver.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The backend {@code tck} runs the kit against. The kit needs an empty store for every test: a driver with a
 * {@code rootdirectory} parameter (filesystem, oss) gets a fresh {@code <rootdirectory>/tck-<uuid>} per test, so
 * a shared bucket or directory is safe; a driver without one must be configured over an empty store.
 */
final class KitTarget {
  private final Backends backends;
  private final Config config;
  private final String driver;
  private final boolean rooted;
  private final List<String> roots = Collections.synchronizedList(new ArrayList<>());

  KitTarget(Backends backends, Config config) {
    this.backends = backends;
    this.config = config;
    this.driver = config.getString("storagedriver.driver");
    this.rooted = config.hasPath(rootKey());
  }

  private String rootKey() {
    return "storagedriver." + driver + ".rootdirectory";
  }

  String driverName() {
    return driver;
  }

  /** Whether each test gets a directory of its own (and a restart can be simulated by reopening it). */
  boolean rooted() {
    return rooted;
  }

  /** The configuration for one test: a fresh root below the given one, when the driver has roots. */
  Config freshConfig() {
    if (!rooted) {
      return config;
    }
    String name = "tck-" + UUID.randomUUID();
    roots.add("/" + name);
    String base = config.getString(rootKey()).replaceAll("/+$", "");
    return config.withValue(rootKey(), ConfigValueFactory.fromAnyRef(base + "/" + name));
  }

  /**
   * The longest path the kit may expect the store to hold. An object store's key limit (1,023 bytes) counts its
   * root prefix, which the per-test {@code tck-<uuid>} root lengthens; a file system's root is not part of the
   * path. So for rooted drivers other than {@code filesystem}, the prefix's bytes come off.
   */
  int maxPathBytes() {
    if (!rooted || driver.equals("filesystem")) {
      return StoragePaths.MAX_PATH_BYTES;
    }
    String base = config.getString(rootKey()).replaceAll("^/+|/+$", "");
    String prefix = (base.isEmpty() ? "" : base + "/") + "tck-" + UUID.randomUUID();
    // The key is the prefix, '/', then the path without its leading '/': the path's bytes plus the prefix's.
    return Math.max(64, StoragePaths.MAX_PATH_BYTES - prefix.getBytes(StandardCharsets.UTF_8).length);
  }

  StorageDriver open(Config testConfig) throws StorageDriverException {
    return backends.open(testConfig);
  }

  /**
   * Removes the per-test roots. Every test deletes what it wrote, so this only tidies what a failing test left
   * and, for the filesystem driver, the bookkeeping directories it keeps out of sight of the API.
   */
  void cleanUp() {
    if (!rooted || roots.isEmpty()) {
      return;
    }
    try (StorageDriver base = backends.open(config)) {
      for (String root : roots) {
        try {
          base.delete(root);
        } catch (PathNotFoundException e) {
          // the usual case: the test left its root empty
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: the report matters more
    }
    if (driver.equals("filesystem")) {
      Path base = Path.of(config.getString(rootKey()));
      roots.forEach(root -> deleteTree(base.resolve(root.substring(1))));
    }
    roots.clear();
  }

  private static void deleteTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
