/**
 * What an object-store driver does beyond single requests, written once: {@link
 * dev.storagedriver.objectstore.ObjectStoreBackend} implements the storage SPI on any store that supplies the raw
 * requests of {@link dev.storagedriver.objectstore.ObjectStore} (an SDK adapter: S3, OSS).
 */
package dev.storagedriver.objectstore;
