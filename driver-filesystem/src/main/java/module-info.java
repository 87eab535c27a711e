/**
 * The {@code filesystem} driver: crash-safe storage on any {@link java.nio.file.FileSystem}, confined to its root
 * directory. Applications open it by name through {@link dev.storagedriver.StorageDrivers} or directly with
 * {@link dev.storagedriver.filesystem.FilesystemDriver}; this module provides its factory to {@link
 * java.util.ServiceLoader}.
 */
module dev.storagedriver.filesystem {
  requires transitive dev.storagedriver;
  requires org.slf4j;
  requires static com.google.auto.service;

  exports dev.storagedriver.filesystem;

  provides dev.storagedriver.spi.StorageDriverFactory with dev.storagedriver.filesystem.FilesystemDriverFactory;
}
