/**
 * What an object-store driver does beyond single requests, written once: {@link
 * dev.storagedriver.objectstore.ObjectStoreBackend} over the raw-request SPI {@link
 * dev.storagedriver.objectstore.ObjectStore} that each store's adapter implements.
 */
module dev.storagedriver.objectstore {
  requires transitive dev.storagedriver;
  requires org.slf4j;

  exports dev.storagedriver.objectstore;
}
