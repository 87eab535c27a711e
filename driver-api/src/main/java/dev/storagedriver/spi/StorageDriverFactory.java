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
  /**
   * The name users select the driver by ({@code storagedriver.driver = <name>}): lower case, unique.
   *
   * @return the driver's name; also the section its parameters live in, {@code storagedriver.<name>}
   */
  String name();

  /**
   * Makes a backend from the parameters under {@code storagedriver.<name>}. Check every parameter here, so a bad
   * one fails at start-up with {@link DriverConfig}'s errors, not at the first call.
   *
   * @param config the driver's parameters, with its {@code reference.conf} defaults beneath them
   * @return a new backend, ready for calls; the registry wraps it in the portable layer
   * @throws StorageDriverException an {@link dev.storagedriver.InvalidConfigException} for a parameter that is
   *     missing or not allowed, or another failure to set the backend up (an unreachable bucket, say)
   */
  StorageBackend create(DriverConfig config) throws StorageDriverException;
}
