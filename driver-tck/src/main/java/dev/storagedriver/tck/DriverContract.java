package dev.storagedriver.tck;

import dev.storagedriver.StorageDriver;
import java.util.Optional;

/**
 * What every group of kit tests needs from the test class: the driver under test. {@link StorageDriverTck}
 * implements it; a driver's test extends that class rather than implementing this.
 */
public interface DriverContract {
  /**
   * The driver under test: fresh for each test, over an empty store.
   *
   * @return the driver the current test runs against
   */
  StorageDriver driver();

  /**
   * A second driver instance over the same store as {@link #driver()}, as after a process restart, or empty when
   * the test class cannot make one (tests that need it are then skipped).
   *
   * @return the reopened driver, closed by the kit after the test, or empty
   * @throws Exception if making the second instance fails (the test then errors)
   */
  Optional<StorageDriver> reopenedDriver() throws Exception;

  /**
   * The sizes and counts in use.
   *
   * @return the settings for the current test
   */
  TckSettings tckSettings();

  /**
   * The longest path the store under test holds, in UTF-8 bytes; see {@link StorageDriverTck#maxPathBytes()}.
   *
   * @return at most {@link dev.storagedriver.StoragePaths#MAX_PATH_BYTES}
   */
  int storeMaxPathBytes();
}
