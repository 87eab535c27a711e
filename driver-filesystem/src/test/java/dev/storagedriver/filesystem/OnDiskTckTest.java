package dev.storagedriver.filesystem;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.tck.StorageDriverTck;
import dev.storagedriver.tck.TckSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The whole conformance kit on the real disk, in a fresh temporary directory per test. */
class OnDiskTckTest extends StorageDriverTck {
  @TempDir
  Path root;

  @Override
  protected StorageDriver newDriver() throws Exception {
    return FilesystemDriver.open(root.resolve("store"));
  }

  @Override
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return FilesystemDriver.open(root.resolve("store"));
  }

  @Override
  protected TckSettings settings() {
    return TestSettings.fastModTime();
  }
}
