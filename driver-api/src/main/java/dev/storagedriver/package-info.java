/**
 * Pluggable storage for the JVM, after Docker Distribution's storage drivers.
 *
 * <p>Applications need {@link dev.storagedriver.StorageDriver} and {@link dev.storagedriver.StorageDrivers}
 * (or {@link dev.storagedriver.StorageDriverRegistry} to list and choose drivers); failures are {@link
 * dev.storagedriver.StorageDriverException}s with an {@link dev.storagedriver.ErrorCode}. Driver authors
 * implement the interfaces in {@link dev.storagedriver.spi}.
 */
package dev.storagedriver;
