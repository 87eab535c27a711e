/**
 * For driver authors: implement {@link dev.storagedriver.spi.StorageBackend} (the raw operations) and {@link
 * dev.storagedriver.spi.StorageDriverFactory} (registered with {@code @AutoService}), read parameters through
 * {@link dev.storagedriver.spi.DriverConfig}, and prove the driver with the conformance kit in {@code
 * driver-tck}.
 */
package dev.storagedriver.spi;
