package dev.storagedriver.examples.zipdriver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.tck.StorageDriverTck;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole conformance kit against the zip driver, opened by name from configuration as a user would. Without
 * RESUMABLE_APPEND and REDIRECT_URL, those tests report skipped.
 */
class ZipDriverTckTest extends StorageDriverTck {
  @TempDir
  Path dir;

  /** Whether entries are deflated; a subclass runs the kit once more with compression. */
  boolean compress() {
    return false;
  }

  private Config config() {
    return ConfigFactory.parseMap(Map.of(
        "storagedriver.driver", "zip",
        "storagedriver.zip.file", dir.resolve("store.zip").toString(),
        "storagedriver.zip.compress", compress()));
  }

  @Override
  protected StorageDriver newDriver() throws Exception {
    return StorageDriverRegistry.load().open(config());
  }

  @Override
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return StorageDriverRegistry.load().open(config());
  }
}
