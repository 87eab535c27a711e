package dev.storagedriver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.spi.StorageBackend;

/** Entry points: open the configured driver, or put the portable layer in front of a backend. */
public final class StorageDrivers {
  private StorageDrivers() {}

  /**
   * Opens the driver named by {@code storagedriver.driver} in the application's configuration ({@code
   * application.conf}, system properties, and every module's {@code reference.conf}), under the layers {@code
   * storagedriver.layers} names (see {@link StorageLayers}).
   *
   * @return the driver
   * @throws StorageDriverException when the configuration is invalid or the driver cannot start
   */
  public static StorageDriver open() throws StorageDriverException {
    Config config;
    try {
      config = ConfigFactory.load();
    } catch (ConfigException e) {
      // A syntax error in application.conf or an unset ${VARIABLE}: the library's message says which and where.
      throw new InvalidConfigException("registry", "storagedriver", e.getMessage(), e);
    }
    return StorageDriverRegistry.load().open(config);
  }

  /**
   * Opens the driver named by {@code storagedriver.driver} in {@code config}, under the layers {@code
   * storagedriver.layers} names.
   *
   * @param config the whole configuration
   * @return the driver
   * @throws StorageDriverException when the configuration is invalid or the driver cannot start
   */
  public static StorageDriver open(Config config) throws StorageDriverException {
    return StorageDriverRegistry.load().open(config);
  }

  /**
   * The portable driver over {@code backend}: paths and offsets checked, failures typed, concurrency bounded as
   * the backend asks. This is how a backend made without the registry (in a test, say) is used.
   *
   * @param backend the raw operations; the returned driver owns it and closes it
   * @return the portable driver over {@code backend}
   */
  public static StorageDriver portable(StorageBackend backend) {
    return new PortableStorageDriver(backend);
  }
}
