package dev.storagedriver.spi;

import dev.storagedriver.StorageDriverException;

/**
 * Makes a driver's backend from configuration. Register an implementation with {@code
 * @AutoService(StorageDriverFactory.class)} (or a {@code META-INF/services} entry) and it is found by {@link
 * dev.storagedriver.StorageDriverRegistry} under its {@link #name()}.
 *
 * <p>A driver module also ships a {@code reference.conf} with its defaults under {@code storagedriver.<name>};
 * optional parameters without a default are listed there as {@code null}, so that a misspelt parameter in a
 * user's configuration is reported instead of silently ignored.
 */
public interface StorageDriverFactory {
  /** The name users select the driver by ({@code storagedriver.driver = <name>}): lower case, unique. */
  String name();

  /**
   * Makes a backend from the parameters under {@code storagedriver.<name>}. Check every parameter here, so a bad
   * one fails at start-up with {@link DriverConfig}'s errors, not at the first call.
   */
  StorageBackend create(DriverConfig config) throws StorageDriverException;
}
