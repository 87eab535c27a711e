package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.fail;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The conformance kit: every behaviour of the {@link StorageDriver} contract as a JUnit Jupiter test. A driver
 * proves itself by extending this class and saying how to make a driver over an empty store:
 *
 * <pre>{@code
 * class MyDriverTest extends StorageDriverTck {
 *   @Override
 *   protected StorageDriver newDriver() {
 *     return StorageDrivers.portable(new MyBackend(...));
 *   }
 * }
 * }</pre>
 *
 * <p>The tests come from the contract interfaces this class implements, one per operation ({@link
 * ContentContract}, {@link StreamContract}, {@link WalkContract}, ...). Before each test the kit checks that the
 * driver exists and its store is empty; after each it checks the test left the store empty (every test deletes
 * what it wrote) and closes the driver. Optional behaviour ({@link dev.storagedriver.Capability}) is tested when
 * the driver declares it and reported as skipped, with the reason, when it does not.
 */
public abstract class StorageDriverTck
    implements PathContract, ContentContract, StreamContract, AppendContract, ListContract, MoveContract,
        DeleteContract, StatContract, ConcurrencyContract, RedirectContract, WalkContract,
        NamesContract, PendingWritesContract {

  private StorageDriver driver;
  private final List<StorageDriver> reopened = new ArrayList<>();
  private TckSettings settings;

  /** For subclasses. */
  protected StorageDriverTck() {}

  /**
   * A new driver over an empty store. Called before every test; the kit closes it afterwards.
   *
   * @return the driver to test, over a store with nothing in it (the kit checks)
   * @throws Exception if the driver cannot be made (the test then errors)
   */
  protected abstract StorageDriver newDriver() throws Exception;

  /**
   * A new driver instance over the same store as {@code current}, as a restarted process would open it, or null
   * if this test class cannot make one; the tests of resuming writes from a new instance then report skipped.
   * The kit closes it after the test.
   *
   * @param current the driver {@link #newDriver()} made for this test
   * @return a second driver over the same store, or null (the default) when this test class cannot make one
   * @throws Exception if the driver cannot be made (the test then errors)
   */
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return null;
  }

  /**
   * Called after each test, once the kit has checked the store is empty and closed the drivers: release the
   * store here (a temporary file system, a bucket). A subclass's own {@code @AfterEach} would run too early, before
   * the kit's check.
   *
   * @throws Exception if releasing the store fails (the test then errors)
   */
  protected void afterTest() throws Exception {}

  /**
   * The longest path, in UTF-8 bytes, the store under test holds: {@link StoragePaths#MAX_PATH_BYTES} unless the
   * store's own key limit is shared with something the kit does not see, such as an object store's {@code
   * rootdirectory} prefix (1,023 minus the prefix's bytes and its {@code /}). The names tests then use a
   * longest path and a deepest tree of this length and expect a path one byte longer to be {@code INVALID_PATH}.
   *
   * @return a length from 64 to {@link StoragePaths#MAX_PATH_BYTES}
   */
  protected int maxPathBytes() {
    return StoragePaths.MAX_PATH_BYTES;
  }

  /**
   * The sizes and counts to use; by default {@link TckSettings#fromSystemProperties()}.
   *
   * @return the settings for the next test
   */
  protected TckSettings settings() {
    return TckSettings.fromSystemProperties();
  }

  @BeforeEach
  final void openDriverOverEmptyStore() throws Exception {
    settings = settings();
    driver = newDriver();
    if (driver == null) {
      fail("%s.newDriver() returned null: it must return a driver over an empty store", getClass().getName());
    }
    List<String> found = driver.list("/");
    if (!found.isEmpty()) {
      fail("%s.newDriver() must return a driver over an EMPTY store, but list(\"/\") found %s: give every test "
          + "a fresh store (a new temporary directory, bucket or prefix)", getClass().getName(), found);
    }
  }

  @AfterEach
  final void checkStoreLeftEmptyAndClose() throws Exception {
    try {
      List<String> left = driver.list("/");
      if (!left.isEmpty()) {
        fail("the test left %s behind: every test deletes what it wrote, so delete (or list) is not working", left);
      }
    } finally {
      closeQuietly(driver);
      reopened.forEach(StorageDriverTck::closeQuietly);
      reopened.clear();
      afterTest();
    }
  }

  private static void closeQuietly(StorageDriver d) {
    try {
      d.close();
    } catch (StorageDriverException | RuntimeException e) {
      // the test's own result matters more than a failing close
    }
  }

  @Override
  public final StorageDriver driver() {
    return driver;
  }

  @Override
  public final Optional<StorageDriver> reopenedDriver() throws Exception {
    StorageDriver second = reopen(driver);
    if (second != null) {
      reopened.add(second);
    }
    return Optional.ofNullable(second);
  }

  @Override
  public final TckSettings tckSettings() {
    return settings;
  }

  @Override
  public final int storeMaxPathBytes() {
    int max = maxPathBytes();
    if (max < 64 || max > StoragePaths.MAX_PATH_BYTES) {
      fail("%s.maxPathBytes() is %d: it must be from 64 to %d", getClass().getName(), max,
          StoragePaths.MAX_PATH_BYTES);
    }
    return max;
  }
}
