/**
 * The {@code inmemory} driver: a thread-safe store in the heap, for tests and ephemeral data. Applications open
 * it by name through {@link dev.storagedriver.StorageDrivers}; this module provides its factory to {@link
 * java.util.ServiceLoader}.
 */
module dev.storagedriver.inmemory {
  requires transitive dev.storagedriver;
  requires static com.google.auto.service;

  exports dev.storagedriver.inmemory;

  provides dev.storagedriver.spi.StorageDriverFactory with dev.storagedriver.inmemory.InMemoryDriverFactory;
}
