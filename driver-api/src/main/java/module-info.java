/**
 * The storagedriver API: the portable {@link dev.storagedriver.StorageDriver} type, its typed errors and the
 * registry that opens drivers by name ({@code dev.storagedriver}), and the SPI that drivers implement
 * ({@code dev.storagedriver.spi}).
 *
 * <p>Drivers and layers are found with {@link java.util.ServiceLoader}: on the module path, modules that {@code provides
 * dev.storagedriver.spi.StorageDriverFactory} or {@code StorageLayerFactory}; on the class path, jars that list
 * their factory in {@code
 * META-INF/services}. Typesafe Config is required transitively because {@link dev.storagedriver.StorageDrivers}
 * and {@link dev.storagedriver.spi.DriverConfig} take and return its {@code Config}.
 */
module dev.storagedriver {
  requires transitive typesafe.config;
  requires org.slf4j;

  exports dev.storagedriver;
  exports dev.storagedriver.spi;

  uses dev.storagedriver.spi.StorageDriverFactory;
  uses dev.storagedriver.spi.StorageLayerFactory;
}
